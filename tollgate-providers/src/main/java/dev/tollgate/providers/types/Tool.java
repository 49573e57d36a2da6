package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A tool the model may call ({@code type: function} with a JSON-schema parameter list). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(
    String type, Function function, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public Tool {
    extra = Extras.freeze(extra, "type", type, "function", function);
  }

  public static Tool function(String name, String description, JsonNode parameters) {
    return new Tool("function", new Function(name, description, parameters, null, null), null);
  }

  /** A function declaration. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Function(
      String name,
      String description,
      JsonNode parameters,
      Boolean strict,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Function {
      extra = Extras.freeze(extra, "name", name, "description", description, "strict", strict);
    }
  }
}
