package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.types.Json;

/**
 * OpenAI's {@code response_format} on Anthropic, by the technique Anthropic documents for JSON output with tools: one
 * extra tool whose {@code input_schema} is the wanted schema, forced with {@code tool_choice}; the tool call's input is
 * the answer, and it is returned as the message content (finish reason {@code stop}) instead of as a tool call. This
 * works on every tool-capable Claude model (Anthropic's newer native {@code output_config.format} does not).
 *
 * <p>The replies and streams are read without the request, so the tool's name says what to do with its input:
 * {@value #TOOL} for an object schema (the input is the answer); {@value #WRAPPED_TOOL} for any other schema (an
 * array, a string, ...), which Anthropic's object-only {@code input_schema} cannot express directly, so it is wrapped
 * in an object's {@value #WRAPPED_PROPERTY} property and unwrapped from the reply. {@code json_object} uses a
 * permissive object schema. A caller's own tool with one of these names would be mistaken for the answer.
 */
final class JsonMode {
  static final String TOOL = "json_response";
  static final String WRAPPED_TOOL = "json_response_value";
  static final String WRAPPED_PROPERTY = "value";

  private JsonMode() {}

  /** True for the names of the answer tools. */
  static boolean isAnswerTool(String name) {
    return TOOL.equals(name) || WRAPPED_TOOL.equals(name);
  }

  /** The answer tool for a {@code response_format}, or null when it asks for plain text (or is absent). */
  static ObjectNode tool(JsonNode responseFormat, String model) {
    if (responseFormat == null || responseFormat.isNull()) {
      return null;
    }
    String type = responseFormat.path("type").asText("");
    ObjectNode tool = Json.object();
    switch (type) {
      case "text" -> {
        return null;
      }
      case "json_object" -> {
        tool.put("name", TOOL);
        tool.put("description", "Give the answer as a JSON object: the input of this tool is the answer.");
        ObjectNode schema = tool.putObject("input_schema");
        schema.put("type", "object");
        schema.put("additionalProperties", true);
      }
      case "json_schema" -> {
        JsonNode spec = responseFormat.path("json_schema");
        JsonNode schema = spec.get("schema");
        if (schema == null || !schema.isObject()) {
          schema = Json.object().put("type", "object").put("additionalProperties", true);
        }
        String description = spec.path("description").isTextual()
            ? spec.get("description").asText()
            : "Give the answer in this schema: the input of this tool is the answer.";
        boolean object = "object".equals(schema.path("type").asText()) || !schema.has("type") && schema.has("properties");
        if (object) {
          tool.put("name", TOOL);
          tool.put("description", description);
          ObjectNode input = schema.deepCopy();
          input.put("type", "object");
          tool.set("input_schema", input);
        } else {
          tool.put("name", WRAPPED_TOOL);
          tool.put("description", description + " Put the answer in the '" + WRAPPED_PROPERTY + "' property.");
          ObjectNode input = tool.putObject("input_schema");
          input.put("type", "object");
          input.putObject("properties").set(WRAPPED_PROPERTY, schema.deepCopy());
          input.putArray("required").add(WRAPPED_PROPERTY);
        }
      }
      default -> throw new BadRequestException(
          "response_format type '" + type + "' is not supported by anthropic", AnthropicProvider.NAME, model);
    }
    return tool;
  }

  /** The answer text for an answer tool's input: the input itself, or its wrapped value. */
  static String answer(String toolName, JsonNode input) {
    JsonNode value = WRAPPED_TOOL.equals(toolName) ? input.path(WRAPPED_PROPERTY) : input;
    return Json.writeString(value.isMissingNode() ? Json.object() : value);
  }
}
