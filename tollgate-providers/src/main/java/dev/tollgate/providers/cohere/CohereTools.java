package dev.tollgate.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.translate.ParamPolicy;
import dev.tollgate.providers.types.Json;

/**
 * Tools and tool_choice. Cohere's tools have OpenAI's shape ({@code type: function} with name, description and a
 * JSON-schema {@code parameters}, which Cohere requires: an empty object schema is sent when absent); OpenAI's per-tool
 * {@code strict} becomes Cohere's request-wide {@code strict_tools}. Cohere's {@code tool_choice} knows only
 * {@code REQUIRED} and {@code NONE}: {@code auto} is the default (nothing sent), a named function cannot be expressed
 * and is refused (or dropped with drop_params).
 */
final class CohereTools {
  private CohereTools() {}

  static void apply(JsonNode tools, JsonNode toolChoice, ObjectNode body, CallTarget target) {
    if (tools != null && tools.isArray() && !tools.isEmpty()) {
      ArrayNode out = body.putArray("tools");
      boolean strict = false;
      for (JsonNode tool : tools) {
        if (!"function".equals(tool.path("type").asText("function"))) {
          ParamPolicy.refuse("tools of type " + tool.path("type").asText(), target);
          continue;
        }
        JsonNode fn = tool.path("function");
        if (!fn.path("name").isTextual()) {
          throw new BadRequestException("a tool needs function.name", CohereProvider.NAME, target.model());
        }
        ObjectNode t = out.addObject();
        t.put("type", "function");
        ObjectNode f = t.putObject("function");
        f.put("name", fn.get("name").asText());
        if (fn.path("description").isTextual()) {
          f.put("description", fn.get("description").asText());
        }
        JsonNode params = fn.get("parameters");
        f.set("parameters", params != null && params.isObject() ? params : Json.object().put("type", "object"));
        strict |= fn.path("strict").asBoolean(false);
      }
      if (out.isEmpty()) {
        body.remove("tools");
      } else if (strict) {
        body.put("strict_tools", true);
      }
    }
    if (toolChoice == null || toolChoice.isNull()) {
      return;
    }
    String choice = toolChoice.isTextual() ? toolChoice.asText() : null;
    if ("auto".equals(choice)) {
      return;
    }
    if ("required".equals(choice)) {
      body.put("tool_choice", "REQUIRED");
    } else if ("none".equals(choice)) {
      body.put("tool_choice", "NONE");
    } else {
      ParamPolicy.refuse("tool_choice", target);
    }
  }
}
