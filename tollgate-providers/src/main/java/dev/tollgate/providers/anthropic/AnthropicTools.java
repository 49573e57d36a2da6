package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Tool;
import java.util.List;

/**
 * OpenAI tools and {@code tool_choice} in Anthropic's shape: a function becomes {@code {name, description,
 * input_schema}} (with its {@code cache_control}); a tool that is already Anthropic's (it has an {@code input_schema},
 * or a server-tool {@code type} such as {@code web_search_20250305}) passes through. {@code tool_choice} {@code auto},
 * {@code none}, {@code required} and a named function become {@code auto}, {@code none}, {@code any} and {@code tool};
 * {@code parallel_tool_calls: false} becomes {@code disable_parallel_tool_use: true}.
 */
final class AnthropicTools {
  private AnthropicTools() {}

  static ArrayNode tools(List<Tool> tools, String model) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (int i = 0; i < tools.size(); i++) {
      Tool tool = tools.get(i);
      ObjectNode raw = Json.MAPPER.valueToTree(tool);
      if (raw.has("input_schema") || tool.type() != null && !"function".equals(tool.type()) && tool.function() == null) {
        out.add(raw); // already an Anthropic tool (custom with input_schema, or a server tool)
        continue;
      }
      Tool.Function function = tool.function();
      if (function == null || function.name() == null) {
        throw new BadRequestException("tools[" + i + "].function.name is required", AnthropicProvider.NAME, model);
      }
      ObjectNode converted = out.addObject();
      converted.put("name", function.name());
      if (function.description() != null) {
        converted.put("description", function.description());
      }
      JsonNode parameters = function.parameters();
      if (parameters != null && parameters.isObject()) {
        ObjectNode schema = parameters.deepCopy();
        if (!schema.has("type")) {
          schema.put("type", "object");
        }
        converted.set("input_schema", schema);
      } else {
        converted.putObject("input_schema").put("type", "object").putObject("properties");
      }
      JsonNode cache = tool.extra().containsKey("cache_control")
          ? tool.extra().get("cache_control")
          : function.extra().get("cache_control");
      if (cache != null && !cache.isNull()) {
        converted.set("cache_control", cache);
      }
    }
    return out;
  }

  /**
   * Anthropic's {@code tool_choice} for OpenAI's {@code tool_choice} and {@code parallel_tool_calls}, or null to leave
   * Anthropic's default ({@code auto}, parallel calls allowed).
   */
  static ObjectNode toolChoice(JsonNode toolChoice, Boolean parallelToolCalls, String model) {
    ObjectNode choice = null;
    if (toolChoice != null && !toolChoice.isNull()) {
      if (toolChoice.isTextual()) {
        choice = switch (toolChoice.asText()) {
          case "auto" -> Json.object().put("type", "auto");
          case "none" -> Json.object().put("type", "none");
          case "required", "any" -> Json.object().put("type", "any");
          default -> throw new BadRequestException(
              "tool_choice '" + toolChoice.asText() + "' is not one of auto, none, required", AnthropicProvider.NAME,
              model);
        };
      } else if (toolChoice.isObject()) {
        String name = toolChoice.path("function").path("name").asText(null);
        String type = toolChoice.path("type").asText("");
        if (name != null) {
          choice = Json.object().put("type", "tool").put("name", name);
        } else if (type.equals("auto") || type.equals("any") || type.equals("none")
            || type.equals("tool") && toolChoice.has("name")) {
          choice = ((ObjectNode) toolChoice).deepCopy(); // already Anthropic's shape
        } else {
          throw new BadRequestException(
              "tool_choice must name a function: {\"type\":\"function\",\"function\":{\"name\":...}}",
              AnthropicProvider.NAME, model);
        }
      }
    }
    if (parallelToolCalls != null) {
      if (choice == null) {
        choice = Json.object().put("type", "auto");
      }
      if (!"none".equals(choice.path("type").asText())) {
        choice.put("disable_parallel_tool_use", !parallelToolCalls);
      }
    }
    return choice;
  }
}
