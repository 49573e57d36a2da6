package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A tool call made by the model. In stream deltas {@code index} says which call a fragment belongs to and
 * {@code function.arguments} arrives in pieces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(
    Integer index,
    String id,
    String type,
    FunctionCall function,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public ToolCall {
    extra = Extras.freeze(extra, "index", index, "id", id, "type", type, "function", function);
  }

  public static ToolCall function(String id, String name, String argumentsJson) {
    return new ToolCall(null, id, "function", new FunctionCall(name, argumentsJson, null), null);
  }

  /** The function name and its JSON-encoded arguments. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionCall(
      String name, String arguments, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public FunctionCall {
      extra = Extras.freeze(extra, "name", name, "arguments", arguments);
    }
  }
}
