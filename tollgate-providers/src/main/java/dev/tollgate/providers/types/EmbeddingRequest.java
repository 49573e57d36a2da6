package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;

/** An OpenAI Embeddings request; {@code input} is a string, an array of strings, or token arrays. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingRequest(
    String model,
    JsonNode input,
    @JsonProperty("encoding_format") String encodingFormat,
    Integer dimensions,
    String user,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public EmbeddingRequest {
    extra = Extras.freeze(extra, "model", model, "encoding_format", encodingFormat, "dimensions", dimensions,
        "user", user);
  }

  public static EmbeddingRequest of(String model, String input) {
    return new EmbeddingRequest(model, TextNode.valueOf(input), null, null, null, null);
  }

  public static EmbeddingRequest of(String model, List<String> inputs) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    inputs.forEach(array::add);
    return new EmbeddingRequest(model, array, null, null, null, null);
  }

  public EmbeddingRequest withModel(String newModel) {
    return new EmbeddingRequest(newModel, input, encodingFormat, dimensions, user, extra);
  }
}
