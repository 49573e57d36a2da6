package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Validates a Cohere v2 request the way the real API refuses malformed ones (a 400 with {@code {"message": ...}}), so
 * a translation bug in an adapter fails a test instead of passing silently. Checks the documented request schema:
 * required fields, roles, content block types, tool-call and tool-result shapes, the enumerations of
 * {@code tool_choice} and {@code response_format}, and OpenAI-only fields Cohere does not accept.
 */
final class CohereRequestCheck {
  /** OpenAI names with no place in Cohere's schema: an adapter that forwards them untranslated is wrong. */
  private static final List<String> OPENAI_ONLY = List.of("top_p", "top_k", "stop", "n", "max_completion_tokens",
      "stream_options", "user", "logit_bias", "parallel_tool_calls", "reasoning_effort", "functions", "function_call");
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

  private CohereRequestCheck() {}

  /** The problem with a chat body, or null when it is valid. */
  static String chat(JsonNode body) {
    if (!body.path("model").isTextual() || body.get("model").asText().isBlank()) {
      return "invalid request: model must be specified";
    }
    for (String name : OPENAI_ONLY) {
      if (body.has(name)) {
        return "invalid request: unknown field: parameter " + name + " is not a valid field";
      }
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      return "invalid request: messages must contain at least one message";
    }
    for (JsonNode m : messages) {
      String problem = message(m);
      if (problem != null) {
        return problem;
      }
    }
    JsonNode choice = body.get("tool_choice");
    if (choice != null && !(choice.isTextual() && Set.of("REQUIRED", "NONE").contains(choice.asText()))) {
      return "invalid request: tool_choice must be one of REQUIRED, NONE";
    }
    JsonNode format = body.get("response_format");
    if (format != null && !Set.of("text", "json_object").contains(format.path("type").asText())) {
      return "invalid request: response_format.type must be one of text, json_object";
    }
    for (JsonNode tool : body.path("tools")) {
      if (!"function".equals(tool.path("type").asText()) || !tool.path("function").path("name").isTextual()
          || !tool.path("function").path("parameters").isObject()) {
        return "invalid request: each tool must have type function and a function with name and parameters";
      }
    }
    return null;
  }

  /** The problem with an embed body, or null when it is valid. */
  static String embed(JsonNode body) {
    if (!body.path("model").isTextual()) {
      return "invalid request: model must be specified";
    }
    if (!body.path("input_type").isTextual()) {
      return "invalid request: valid input_type must be provided with the provided model";
    }
    JsonNode texts = body.get("texts");
    if (texts == null || !texts.isArray() || texts.isEmpty()) {
      return "invalid request: texts must contain at least one text";
    }
    for (JsonNode t : texts) {
      if (!t.isTextual()) {
        return "invalid request: texts must be strings";
      }
    }
    if (body.has("input") || body.has("dimensions") || body.has("encoding_format")) {
      return "invalid request: unknown field: input, dimensions and encoding_format are not valid fields";
    }
    return null;
  }

  private static String message(JsonNode m) {
    String role = m.path("role").asText("");
    if (!ROLES.contains(role)) {
      return "invalid request: role must be one of system, user, assistant, tool; got '" + role + "'";
    }
    if (m.has("name")) {
      return "invalid request: unknown field: parameter name is not a valid field";
    }
    JsonNode content = m.get("content");
    switch (role) {
      case "user", "system" -> {
        if (content == null || !(content.isTextual() || content.isArray())) {
          return "invalid request: " + role + " message content must be a string or a list of content blocks";
        }
        return blocks(content, role.equals("user"));
      }
      case "tool" -> {
        if (!m.path("tool_call_id").isTextual()) {
          return "invalid request: tool message must have a tool_call_id";
        }
        if (content == null || !(content.isTextual() || content.isArray())) {
          return "invalid request: tool message content must be a string or a list of content blocks";
        }
        return blocks(content, false);
      }
      default -> {
        for (JsonNode call : m.path("tool_calls")) {
          if (!call.path("id").isTextual() || !"function".equals(call.path("type").asText())
              || !call.path("function").path("arguments").isTextual()) {
            return "invalid request: assistant tool_calls need an id, type function and string arguments";
          }
        }
        if (content != null && !(content.isTextual() || content.isArray())) {
          return "invalid request: assistant content must be a string or a list of content blocks";
        }
        return content != null && content.isArray() ? blocks(content, false) : null;
      }
    }
  }

  private static String blocks(JsonNode content, boolean imagesAllowed) {
    if (!content.isArray()) {
      return null;
    }
    for (JsonNode block : content) {
      String type = block.path("type").asText("");
      if (type.equals("text") && block.path("text").isTextual()) {
        continue;
      }
      if (imagesAllowed && type.equals("image_url") && block.path("image_url").path("url").isTextual()) {
        continue;
      }
      return "invalid request: unsupported content block type '" + type + "'";
    }
    return null;
  }
}
