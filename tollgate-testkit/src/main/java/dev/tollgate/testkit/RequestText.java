package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads text out of request JSON: message content (string or parts) and the last user message. */
final class RequestText {
  private RequestText() {}

  /** A content value as text: the string itself, or the {@code text} parts joined; "" for null/other. */
  static String contentText(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : content) {
        if (part.path("text").isTextual()) {
          out.append(part.get("text").asText());
        }
      }
    }
    return out.toString();
  }

  /** Text of the last message with role {@code user}, or "" when there is none. */
  static String lastUserText(JsonNode chatRequest) {
    JsonNode messages = chatRequest.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if ("user".equals(m.path("role").asText())) {
        return contentText(m.get("content"));
      }
    }
    return "";
  }
}
