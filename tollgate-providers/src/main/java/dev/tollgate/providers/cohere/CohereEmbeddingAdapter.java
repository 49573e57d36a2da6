package dev.tollgate.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.translate.ParamPolicy;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Embeddings through Cohere's {@code /v2/embed}: {@code input} (a string or strings; token arrays have no Cohere form)
 * becomes {@code texts}, {@code dimensions} becomes {@code output_dimension}, and Cohere's required
 * {@code input_type} is {@code search_document} unless the request gives its own (an extra {@code input_type} field,
 * as with LiteLLM). Float vectors are always asked for and returned as OpenAI float arrays. For
 * {@code encoding_format: base64} Cohere's {@code base64} type is asked for as well: its presence in the reply tells
 * the (stateless) reply parser to encode the float vectors as OpenAI does (little-endian float32, base64); Cohere's
 * own base64 values are not used. Usage is {@code meta.billed_units.input_tokens}.
 */
final class CohereEmbeddingAdapter implements EmbeddingAdapter {
  static final String DEFAULT_INPUT_TYPE = "search_document";

  @Override
  public HttpCall embeddingCall(EmbeddingRequest request, CallTarget target) {
    ObjectNode body = Json.object();
    body.put("model", target.model());
    body.set("texts", texts(request.input(), target));
    JsonNode inputType = request.extra().get("input_type");
    if (inputType == null) {
      inputType = target.params().get("input_type");
    }
    body.put("input_type", inputType != null && inputType.isTextual() ? inputType.asText() : DEFAULT_INPUT_TYPE);
    ArrayNode types = body.putArray("embedding_types").add("float");
    if ("base64".equals(request.encodingFormat())) {
      types.add("base64");
    }
    if (request.dimensions() != null) {
      body.put("output_dimension", request.dimensions());
    }
    for (String passed : List.of("truncate", "max_tokens", "priority")) {
      JsonNode value = request.extra().containsKey(passed) ? request.extra().get(passed) : target.params().get(passed);
      if (value != null) {
        body.set(passed, value);
      }
    }
    if (request.encodingFormat() != null && !List.of("float", "base64").contains(request.encodingFormat())) {
      ParamPolicy.refuse("encoding_format", target);
    }
    return CohereEndpoint.post(CohereEndpoint.EMBED, Json.write(body), target, false);
  }

  @Override
  public EmbeddingResponse embeddingResponse(HttpReply reply, CallTarget target) {
    JsonNode root = CohereChatAdapter.parse(reply, target);
    boolean base64 = root.path("embeddings").has("base64");
    JsonNode vectors = root.path("embeddings").path("float");
    if (!vectors.isArray()) {
      vectors = root.path("embeddings"); // the v1 "embeddings_floats" shape: a bare array of vectors
    }
    if (!vectors.isArray()) {
      throw new InternalServerException("cohere's embed reply has no float embeddings", CohereProvider.NAME,
          target.model());
    }
    List<EmbeddingResponse.Embedding> data = new ArrayList<>();
    int i = 0;
    for (JsonNode vector : vectors) {
      data.add(new EmbeddingResponse.Embedding("embedding", i++, base64 ? encode(vector) : vector, null));
    }
    int tokens = root.path("meta").path("billed_units").path("input_tokens").asInt(0);
    return new EmbeddingResponse("list", data, target.model(), new Usage(tokens, null, tokens, null), null);
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return CohereErrors.fromReply(reply, target.model());
  }

  private static ArrayNode texts(JsonNode input, CallTarget target) {
    ArrayNode texts = Json.MAPPER.createArrayNode();
    if (input != null && input.isTextual()) {
      texts.add(input.asText());
      return texts;
    }
    if (input != null && input.isArray() && !input.isEmpty()) {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw new BadRequestException("cohere embeds text only: input must be a string or an array of strings",
              CohereProvider.NAME, target.model());
        }
        texts.add(item.asText());
      }
      return texts;
    }
    throw new BadRequestException("input must be a string or a non-empty array of strings", CohereProvider.NAME,
        target.model());
  }

  private static TextNode encode(JsonNode vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    vector.forEach(v -> buffer.putFloat((float) v.asDouble()));
    return TextNode.valueOf(Base64.getEncoder().encodeToString(buffer.array()));
  }
}
