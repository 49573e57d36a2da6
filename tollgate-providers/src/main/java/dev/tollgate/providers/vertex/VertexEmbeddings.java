package dev.tollgate.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.gemini.EmbeddingVectors;
import dev.tollgate.providers.gemini.GeminiErrors;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Vertex AI text embeddings over {@code :predict}: {@code {"instances":[{"content": ...}], "parameters":
 * {"outputDimensionality": ...}}} in, {@code predictions[].embeddings.values} out, usage from each prediction's
 * {@code statistics.token_count}. The {@code task_type} extension goes on every instance.
 */
final class VertexEmbeddings implements EmbeddingAdapter {
  @Override
  public HttpCall embeddingCall(EmbeddingRequest request, CallTarget target) {
    List<String> inputs = EmbeddingVectors.inputs(request, target);
    ObjectNode body = Json.object();
    ArrayNode instances = body.putArray("instances");
    JsonNode taskType = request.extra().get("task_type");
    for (String input : inputs) {
      ObjectNode instance = instances.addObject().put("content", input);
      if (taskType != null && taskType.isTextual()) {
        instance.put("task_type", taskType.asText());
      }
    }
    if (request.dimensions() != null) {
      body.putObject("parameters").put("outputDimensionality", request.dimensions());
    }
    return HttpCall.postJson(VertexLocation.url(target, "google", "predict"), VertexAuth.headers(target),
        Json.write(body), target.timeout());
  }

  @Override
  public EmbeddingResponse embeddingResponse(HttpReply reply, CallTarget target) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(reply.body());
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw new InternalServerException("vertex_ai returned an embeddings reply that is not a JSON object",
          target.provider(), target.model());
    }
    List<JsonNode> vectors = new ArrayList<>();
    int tokens = 0;
    for (JsonNode prediction : root.path("predictions")) {
      vectors.add(prediction.path("embeddings").path("values"));
      tokens += prediction.path("embeddings").path("statistics").path("token_count").asInt(0);
    }
    return EmbeddingVectors.response(vectors, target.model(), new Usage(tokens, null, tokens, null));
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return GeminiErrors.fromReply(reply, target.provider(), target.model());
  }
}
