package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/** Builds OpenAI embeddings list responses with deterministic unit vectors derived from each input. */
final class EmbeddingBodies {
  private EmbeddingBodies() {}

  /**
   * The inputs of an embeddings request: a string, an array of strings, a token array or an array of token arrays.
   * Returns null when {@code input} is missing or of another shape.
   */
  static List<JsonNode> inputs(JsonNode input) {
    List<JsonNode> out = new ArrayList<>();
    if (input == null || input.isNull() || input.isMissingNode()) {
      return null;
    }
    if (input.isTextual()) {
      out.add(input);
      return out;
    }
    if (!input.isArray() || input.isEmpty()) {
      return null;
    }
    if (input.get(0).isNumber()) {
      out.add(input); // one token array
      return out;
    }
    for (JsonNode item : input) {
      if (!item.isTextual() && !item.isArray()) {
        return null;
      }
      out.add(item);
    }
    return out;
  }

  /** The response for {@code inputs}; vectors as float arrays, or base64 little-endian float32 when asked. */
  static ObjectNode response(String model, List<JsonNode> inputs, int dims, boolean base64) {
    ObjectNode root = Json.object();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      JsonNode input = inputs.get(i);
      tokens += input.isTextual() ? TokenEstimate.of(input.asText()) : input.size();
      float[] vector = vector(input, dims);
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      if (base64) {
        ByteBuffer buf = ByteBuffer.allocate(dims * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
          buf.putFloat(f);
        }
        item.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float f : vector) {
          values.add(f);
        }
      }
    }
    root.put("model", model);
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", tokens);
    usage.put("total_tokens", tokens);
    return root;
  }

  /** A unit vector of {@code dims} floats seeded by the input's text; the same input always gives the same vector. */
  static float[] vector(JsonNode input, int dims) {
    String key = input.isTextual() ? input.asText() : input.toString();
    long seed = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      seed = (seed ^ (b & 0xff)) * 0x100000001b3L;
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[dims];
    double norm = 0;
    for (int i = 0; i < dims; i++) {
      double x = random.nextDouble(-1.0, 1.0);
      v[i] = (float) x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < dims; i++) {
        v[i] = (float) (v[i] / norm);
      }
    }
    return v;
  }
}
