package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Tool;
import java.util.List;

/**
 * OpenAI {@code tools} and {@code tool_choice} as Gemini {@code tools[].functionDeclarations} and
 * {@code toolConfig.functionCallingConfig}. Parameters travel as {@code parametersJsonSchema}, which takes JSON
 * Schema as OpenAI clients write it ({@code additionalProperties}, {@code $defs}, ...); the OpenAPI-subset
 * {@code parameters} field would reject those keys. Only the {@code $schema} marker is removed.
 */
final class GeminiTools {
  private final String provider;
  private final String model;

  GeminiTools(String provider, String model) {
    this.provider = provider;
    this.model = model;
  }

  void write(List<Tool> tools, JsonNode toolChoice, ObjectNode body) {
    boolean hasTools = tools != null && !tools.isEmpty();
    if (hasTools) {
      ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
      for (Tool tool : tools) {
        if (!"function".equals(tool.type()) || tool.function() == null || tool.function().name() == null) {
          throw bad("only function tools with a name are supported by " + provider, "tools");
        }
        ObjectNode declaration = declarations.addObject();
        declaration.put("name", tool.function().name());
        if (tool.function().description() != null) {
          declaration.put("description", tool.function().description());
        }
        JsonNode parameters = tool.function().parameters();
        if (parameters != null && parameters.isObject() && !parameters.isEmpty()) {
          ObjectNode schema = ((ObjectNode) parameters).deepCopy();
          schema.remove("$schema");
          declaration.set("parametersJsonSchema", schema);
        }
      }
    }
    if (toolChoice == null || toolChoice.isNull()) {
      return;
    }
    ObjectNode config = Json.object();
    if (toolChoice.isTextual()) {
      switch (toolChoice.asText()) {
        case "auto" -> config.put("mode", "AUTO");
        case "none" -> config.put("mode", "NONE");
        case "required" -> config.put("mode", "ANY");
        default -> throw bad("tool_choice '" + toolChoice.asText() + "' is not one of none, auto, required",
            "tool_choice");
      }
    } else if (toolChoice.isObject() && toolChoice.path("function").hasNonNull("name")) {
      config.put("mode", "ANY");
      config.putArray("allowedFunctionNames").add(toolChoice.path("function").path("name").asText());
    } else if (toolChoice.isObject() && "allowed_tools".equals(toolChoice.path("type").asText())) {
      JsonNode allowed = toolChoice.path("allowed_tools");
      config.put("mode", "required".equals(allowed.path("mode").asText()) ? "ANY" : "AUTO");
      if ("ANY".equals(config.path("mode").asText())) {
        ArrayNode names = config.putArray("allowedFunctionNames");
        allowed.path("tools").forEach(t -> names.add(t.path("function").path("name").asText()));
      }
    } else {
      throw bad("tool_choice must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":...}}",
          "tool_choice");
    }
    if (!hasTools && !"NONE".equals(config.path("mode").asText())) {
      throw bad("tool_choice needs tools", "tool_choice");
    }
    if (hasTools) {
      body.putObject("toolConfig").set("functionCallingConfig", config);
    }
  }

  private BadRequestException bad(String message, String param) {
    return new BadRequestException(message + " (" + param + ")", provider, model);
  }
}
