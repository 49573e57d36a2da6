package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI side of Google's embedding APIs, shared by Gemini and Vertex AI: text inputs out of an OpenAI request
 * (Google's APIs embed text, not token arrays) and vectors into an OpenAI embeddings list.
 */
public final class EmbeddingVectors {
  private EmbeddingVectors() {}

  /** The input strings: a string, or an array of strings. */
  public static List<String> inputs(EmbeddingRequest request, CallTarget target) {
    JsonNode input = request.input();
    List<String> out = new ArrayList<>();
    if (input != null && input.isTextual()) {
      out.add(input.asText());
    } else if (input != null && input.isArray() && !input.isEmpty()) {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw notText(target);
        }
        out.add(item.asText());
      }
    } else {
      throw notText(target);
    }
    return out;
  }

  /** An OpenAI embeddings list of float vectors, in order. */
  public static EmbeddingResponse response(List<JsonNode> vectors, String model, Usage usage) {
    List<EmbeddingResponse.Embedding> data = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      data.add(new EmbeddingResponse.Embedding("embedding", i, vectors.get(i), null));
    }
    return new EmbeddingResponse("list", data, model, usage == null ? new Usage(0, null, 0, null) : usage, null);
  }

  private static BadRequestException notText(CallTarget target) {
    return new BadRequestException(
        "embeddings input must be a non-empty string or array of strings for " + target.provider(),
        target.provider(), target.model());
  }
}
