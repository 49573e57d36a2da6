package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** An OpenAI embeddings list response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingResponse(
    String object,
    List<Embedding> data,
    String model,
    Usage usage,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public EmbeddingResponse {
    data = data == null ? List.of() : List.copyOf(data);
    extra = Extras.freeze(extra, "object", object, "data", data, "model", model, "usage", usage);
  }

  public EmbeddingResponse withModel(String newModel) {
    return new EmbeddingResponse(object, data, newModel, usage, extra);
  }

  /** One embedding vector; {@code embedding} is a float array, or a base64 string when so requested. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Embedding(
      String object,
      Integer index,
      JsonNode embedding,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Embedding {
      extra = Extras.freeze(extra, "object", object, "index", index);
    }
  }
}
