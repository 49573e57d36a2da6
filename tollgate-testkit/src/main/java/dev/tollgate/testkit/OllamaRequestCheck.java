package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Validates an Ollama request as the real server refuses it (a 400 with {@code {"error": ...}}): a missing model, a
 * non-string message content or tool-call arguments that are not an object (Go cannot unmarshal them), images that are
 * not plain base64 (a {@code data:} URL fails to decode), unknown roles. Ollama silently ignores unknown top-level
 * fields; this fake instead refuses OpenAI's sampling fields at the top level ({@code temperature}, {@code top_p},
 * {@code max_tokens}, ...), which belong in {@code options}: sent there, they would be lost without a trace, which is
 * exactly the translation bug a test should catch.
 */
final class OllamaRequestCheck {
  private static final List<String> OPENAI_TOP_LEVEL = List.of("temperature", "top_p", "top_k", "seed", "stop",
      "max_tokens", "max_completion_tokens", "frequency_penalty", "presence_penalty", "response_format", "n",
      "tool_choice", "stream_options", "reasoning_effort", "user");
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

  private OllamaRequestCheck() {}

  /** The problem with a chat body, or null when it is valid. */
  static String chat(JsonNode body) {
    if (!body.path("model").isTextual() || body.get("model").asText().isEmpty()) {
      return "model is required";
    }
    for (String name : OPENAI_TOP_LEVEL) {
      if (body.has(name)) {
        return "tollgate fake: '" + name + "' is not an Ollama chat field (Ollama would ignore it; sampling"
            + " parameters belong in options)";
      }
    }
    JsonNode format = body.get("format");
    if (format != null && !(format.isObject() || (format.isTextual() && format.asText().equals("json")))) {
      return "invalid format: expected \"json\" or a JSON schema";
    }
    for (JsonNode m : body.path("messages")) {
      String problem = message(m);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** The problem with an embed body, or null when it is valid. */
  static String embed(JsonNode body) {
    if (!body.path("model").isTextual() || body.get("model").asText().isEmpty()) {
      return "model is required";
    }
    JsonNode input = body.get("input");
    if (input == null || !(input.isTextual() || input.isArray())) {
      return "invalid input type";
    }
    for (JsonNode item : input) {
      if (!item.isTextual()) {
        return "invalid input type";
      }
    }
    return null;
  }

  private static String message(JsonNode m) {
    if (!ROLES.contains(m.path("role").asText(""))) {
      return "invalid role: " + m.path("role").asText("");
    }
    if (m.has("content") && !m.get("content").isTextual()) {
      return "json: cannot unmarshal " + m.get("content").getNodeType().name().toLowerCase()
          + " into Go struct field Message.messages.content of type string";
    }
    for (JsonNode image : m.path("images")) {
      try {
        Base64.getDecoder().decode(image.asText());
      } catch (IllegalArgumentException e) {
        return "illegal base64 data in images";
      }
    }
    for (JsonNode call : m.path("tool_calls")) {
      if (!call.path("function").path("arguments").isObject()) {
        return "json: cannot unmarshal into Go struct field ToolCallFunction.messages.tool_calls.function.arguments"
            + " of type map";
      }
    }
    return null;
  }
}
