package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Embeddings through InvokeModel ({@code POST /model/{id}/invoke}) with the model's own body:
 *
 * <ul>
 *   <li>Amazon Titan text embeddings ({@code amazon.titan-embed-text-*}): {@code {inputText, dimensions?,
 *       normalize?}} → {@code {embedding, inputTextTokenCount}}. Titan embeds one text per call and has no batch
 *       form in InvokeModel; calling it once per input would be I/O fan-out an adapter cannot do, so a request with
 *       several inputs is refused (send them one by one, or use a Cohere model, which takes a list).
 *   <li>Cohere Embed ({@code cohere.embed-*}): {@code {texts, input_type, truncate?, embedding_types?}} →
 *       {@code {embeddings: [[...]]}} or {@code {embeddings: {float: [[...]]}}}; {@code input_type} defaults to
 *       {@code search_document}. Cohere reports no usage in the body: the {@code X-Amzn-Bedrock-Input-Token-Count}
 *       header is used.
 * </ul>
 */
final class BedrockEmbeddings {
  private enum Kind { TITAN, COHERE }

  private BedrockEmbeddings() {}

  static ObjectNode body(EmbeddingRequest request, CallTarget target, String modelId) {
    Kind kind = kind(modelId);
    List<String> inputs = inputs(request.input(), modelId);
    ObjectNode body = Json.object();
    if (kind == Kind.TITAN) {
      if (inputs.size() != 1) {
        throw new UnsupportedParamsException("input", "bedrock Titan embeddings take one input per request (InvokeModel"
            + " has no batch form for Titan), got " + inputs.size() + "; send one text per request or use a"
            + " cohere.embed-* model", BedrockSettings.PROVIDER, modelId);
      }
      body.put("inputText", inputs.get(0));
      if (request.dimensions() != null) {
        body.put("dimensions", request.dimensions());
      }
      copy(request, target, body, "normalize");
      copy(request, target, body, "embeddingTypes");
    } else {
      ArrayNode texts = body.putArray("texts");
      inputs.forEach(texts::add);
      JsonNode inputType = param(request, target, "input_type");
      body.set("input_type", inputType != null ? inputType : TextNode.valueOf("search_document"));
      copy(request, target, body, "truncate");
      copy(request, target, body, "embedding_types");
      if (request.dimensions() != null && !target.dropParams()) {
        throw new UnsupportedParamsException("dimensions", BedrockSettings.PROVIDER, modelId);
      }
    }
    return body;
  }

  static EmbeddingResponse response(HttpReply reply, JsonNode json, String modelId) {
    List<JsonNode> vectors = new ArrayList<>();
    int promptTokens;
    if (json.has("embedding")) {
      vectors.add(json.get("embedding"));
      promptTokens = json.path("inputTextTokenCount").asInt(headerTokens(reply));
    } else {
      JsonNode embeddings = json.path("embeddings");
      if (embeddings.isObject()) {
        embeddings = embeddings.path("float");
      }
      embeddings.forEach(vectors::add);
      promptTokens = headerTokens(reply);
    }
    List<EmbeddingResponse.Embedding> data = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      data.add(new EmbeddingResponse.Embedding("embedding", i, vectors.get(i), null));
    }
    return new EmbeddingResponse("list", data, modelId, new Usage(promptTokens, null, promptTokens, null), null);
  }

  private static Kind kind(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.contains("amazon.titan-embed-text") || id.contains("amazon.titan-embed-g1-text")) {
      return Kind.TITAN;
    }
    if (id.contains("cohere.embed")) {
      return Kind.COHERE;
    }
    throw new BadRequestException("bedrock embeddings support Amazon Titan text (amazon.titan-embed-text-*) and"
        + " Cohere (cohere.embed-*) models, not " + modelId, BedrockSettings.PROVIDER, modelId);
  }

  private static List<String> inputs(JsonNode input, String modelId) {
    List<String> out = new ArrayList<>();
    if (input != null && input.isTextual()) {
      out.add(input.asText());
    } else if (input != null && input.isArray()) {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw new UnsupportedParamsException("input", "bedrock embeddings take text inputs, not token arrays",
              BedrockSettings.PROVIDER, modelId);
        }
        out.add(item.asText());
      }
    }
    if (out.isEmpty()) {
      throw new BadRequestException("input must be a string or a non-empty array of strings",
          BedrockSettings.PROVIDER, modelId);
    }
    return out;
  }

  private static JsonNode param(EmbeddingRequest request, CallTarget target, String name) {
    JsonNode value = request.extra().get(name);
    if (value == null || value.isNull()) {
      value = target.params().get(name);
    }
    return value == null || value.isNull() ? null : value;
  }

  private static void copy(EmbeddingRequest request, CallTarget target, ObjectNode body, String name) {
    JsonNode value = param(request, target, name);
    if (value != null) {
      body.set(name, value);
    }
  }

  private static int headerTokens(HttpReply reply) {
    String count = reply.header("x-amzn-bedrock-input-token-count");
    try {
      return count == null ? 0 : Integer.parseInt(count.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
