package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings over {@code batchEmbedContents}: one request per input string, so an array input gives one vector per
 * string ({@code embedContent} would fuse them into one). {@code dimensions} is {@code outputDimensionality}; the
 * {@code task_type} extension is {@code taskType}. Gemini reports no token usage, so usage is zero. Vectors are
 * always float arrays: the reply alone cannot tell that the request asked for {@code encoding_format: base64}
 * (OpenAI's SDKs accept floats either way).
 */
public final class GeminiEmbeddings implements EmbeddingAdapter {
  private final GeminiEndpoint endpoint;

  public GeminiEmbeddings(GeminiEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public HttpCall embeddingCall(EmbeddingRequest request, CallTarget target) {
    List<String> inputs = EmbeddingVectors.inputs(request, target);
    ObjectNode body = Json.object();
    ArrayNode requests = body.putArray("requests");
    String modelName = "models/" + target.model();
    JsonNode taskType = request.extra().get("task_type");
    for (String input : inputs) {
      ObjectNode one = requests.addObject();
      one.put("model", modelName);
      one.putObject("content").putArray("parts").addObject().put("text", input);
      if (request.dimensions() != null) {
        one.put("outputDimensionality", request.dimensions());
      }
      if (taskType != null && taskType.isTextual()) {
        one.put("taskType", taskType.asText());
      }
    }
    return HttpCall.postJson(endpoint.url(target, "batchEmbedContents"), endpoint.headers(target), Json.write(body),
        target.timeout());
  }

  @Override
  public EmbeddingResponse embeddingResponse(HttpReply reply, CallTarget target) {
    JsonNode root = parse(reply, target);
    List<JsonNode> vectors = new ArrayList<>();
    root.path("embeddings").forEach(e -> vectors.add(e.path("values")));
    return EmbeddingVectors.response(vectors, target.model(), null);
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return GeminiErrors.fromReply(reply, target.provider(), target.model());
  }

  private static JsonNode parse(HttpReply reply, CallTarget target) {
    try {
      JsonNode root = Json.MAPPER.readTree(reply.body());
      if (root != null && root.isObject()) {
        return root;
      }
    } catch (IOException ignored) {
      // reported below
    }
    throw new InternalServerException(target.provider() + " returned an embeddings reply that is not a JSON object",
        target.provider(), target.model());
  }
}
