package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Tool;

/**
 * OpenAI {@code tools}, {@code tool_choice} and {@code response_format} to Converse's {@code toolConfig}.
 *
 * <ul>
 *   <li>{@code auto} / {@code required} / a named function become {@code {auto: {}}} / {@code {any: {}}} /
 *       {@code {tool: {name}}}.
 *   <li>{@code none} has no Converse equivalent: the tools are left out, unless the history holds tool calls or
 *       results, which Converse only accepts with a {@code toolConfig}; then the tools are sent without a choice.
 *   <li>{@code response_format} {@code json_schema} / {@code json_object} use the technique Anthropic documents for
 *       JSON output: a tool named {@value #JSON_TOOL} whose input schema is the wanted schema, forced when the request
 *       has no tools of its own ({@code {tool: {name}}} on Claude and Nova, the only models with a named choice;
 *       {@code {any: {}}}, which forces the only tool offered, elsewhere). The reply's call of that tool is turned back
 *       into content.
 * </ul>
 */
final class ConverseTools {
  static final String JSON_TOOL = "json_tool_call";

  private ConverseTools() {}

  /** Sets {@code toolConfig} on {@code body} when the request needs one; {@code messages} must be set already. */
  static void translate(ChatRequest request, ObjectNode body, String model) {
    JsonNode choice = request.toolChoice();
    boolean none = choice != null && choice.isTextual() && choice.asText().equals("none");
    boolean hasTools = request.tools() != null && !request.tools().isEmpty();
    JsonNode schema = jsonSchema(request.responseFormat(), model);
    ArrayNode tools = Json.MAPPER.createArrayNode();
    if (hasTools && (!none || historyHasToolBlocks(body))) {
      for (Tool tool : request.tools()) {
        tools.add(toolSpec(tool, model));
        if (tool.extra().get("cache_control") != null) {
          tools.addObject().putObject("cachePoint").put("type", "default");
        }
      }
    }
    ObjectNode toolChoice = null;
    if (schema != null) {
      ObjectNode spec = tools.addObject().putObject("toolSpec");
      spec.put("name", JSON_TOOL);
      spec.put("description", "Respond with a JSON object that matches the input schema.");
      spec.putObject("inputSchema").set("json", schema);
      if (!hasTools || none) {
        toolChoice = Json.object();
        ModelFamily family = ModelFamily.of(model);
        if (family == ModelFamily.ANTHROPIC || family == ModelFamily.NOVA) {
          toolChoice.putObject("tool").put("name", JSON_TOOL);
        } else {
          // a named tool choice exists only for Claude and Nova; "any" forces the one tool offered just the same
          toolChoice.putObject("any");
        }
      }
    }
    if (toolChoice == null && hasTools && !none && choice != null && !choice.isNull()) {
      toolChoice = toolChoice(choice, model);
    }
    if (tools.isEmpty()) {
      return;
    }
    ObjectNode config = body.putObject("toolConfig");
    config.set("tools", tools);
    if (toolChoice != null) {
      config.set("toolChoice", toolChoice);
    }
  }

  private static ObjectNode toolSpec(Tool tool, String model) {
    if (!"function".equals(tool.type()) || tool.function() == null) {
      throw new UnsupportedParamsException("tools", "bedrock supports function tools only, got type '" + tool.type()
          + "'", BedrockSettings.PROVIDER, model);
    }
    ObjectNode wrapper = Json.object();
    ObjectNode spec = wrapper.putObject("toolSpec");
    spec.put("name", tool.function().name());
    if (tool.function().description() != null && !tool.function().description().isBlank()) {
      spec.put("description", tool.function().description());
    }
    JsonNode parameters = tool.function().parameters();
    if (parameters == null || parameters.isNull()) {
      ObjectNode empty = Json.object();
      empty.put("type", "object");
      empty.putObject("properties");
      parameters = empty;
    }
    spec.putObject("inputSchema").set("json", parameters);
    return wrapper;
  }

  private static ObjectNode toolChoice(JsonNode choice, String model) {
    ObjectNode out = Json.object();
    if (choice.isTextual()) {
      switch (choice.asText()) {
        case "auto" -> out.putObject("auto");
        case "required", "any" -> out.putObject("any");
        default -> throw new BadRequestException("unknown tool_choice '" + choice.asText() + "'",
            BedrockSettings.PROVIDER, model);
      }
      return out;
    }
    String name = choice.path("function").path("name").asText(null);
    if ("function".equals(choice.path("type").asText()) && name != null) {
      out.putObject("tool").put("name", name);
      return out;
    }
    throw new UnsupportedParamsException("tool_choice", "bedrock supports tool_choice auto, none, required or a named"
        + " function, got " + choice, BedrockSettings.PROVIDER, model);
  }

  /** The JSON schema a {@code response_format} asks for, or null for text output. */
  private static JsonNode jsonSchema(JsonNode format, String model) {
    if (format == null || format.isNull()) {
      return null;
    }
    String type = format.path("type").asText("");
    return switch (type) {
      case "text", "" -> null;
      case "json_object" -> {
        ObjectNode any = Json.object();
        any.put("type", "object");
        yield any;
      }
      case "json_schema" -> {
        JsonNode schema = format.path("json_schema").get("schema");
        if (schema == null || !schema.isObject()) {
          throw new BadRequestException("response_format json_schema needs json_schema.schema",
              BedrockSettings.PROVIDER, model);
        }
        yield schema;
      }
      default -> throw new UnsupportedParamsException("response_format", "bedrock does not support response_format"
          + " type '" + type + "'", BedrockSettings.PROVIDER, model);
    };
  }

  private static boolean historyHasToolBlocks(ObjectNode body) {
    for (JsonNode turn : body.path("messages")) {
      for (JsonNode block : turn.path("content")) {
        if (block.has("toolUse") || block.has("toolResult")) {
          return true;
        }
      }
    }
    return false;
  }
}
