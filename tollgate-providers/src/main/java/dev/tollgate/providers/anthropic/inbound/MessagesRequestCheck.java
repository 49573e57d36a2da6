package dev.tollgate.providers.anthropic.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import java.util.Set;

/**
 * Checks an Anthropic Messages request the way Anthropic's API does before any model sees it: the required fields
 * ({@code model}, {@code max_tokens}, {@code messages}), the JSON kind of every field it acts on, roles, and content
 * block shapes. Each failure is a 400 whose message names the field as Anthropic does ({@code max_tokens: Field
 * required}), so a bad request fails the same way whichever deployment would have served it.
 */
public final class MessagesRequestCheck {
  private static final Set<String> ROLES = Set.of("user", "assistant");

  private MessagesRequestCheck() {}

  public static void check(ObjectNode body) {
    JsonNode model = body.get("model");
    if (model == null || model.isNull()) {
      throw bad("model: Field required");
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      throw bad("model: Input should be a non-empty string");
    }
    JsonNode maxTokens = body.get("max_tokens");
    if (maxTokens == null || maxTokens.isNull()) {
      throw bad("max_tokens: Field required");
    }
    if (!maxTokens.canConvertToExactIntegral() || maxTokens.asLong() < 1) {
      throw bad("max_tokens: Input should be a valid integer, 1 or more");
    }
    checkMessages(body.get("messages"));
    checkSystem(body.get("system"));
    kind(body, "stream", JsonNode::isBoolean, "a valid boolean");
    kind(body, "temperature", JsonNode::isNumber, "a valid number");
    kind(body, "top_p", JsonNode::isNumber, "a valid number");
    kind(body, "top_k", JsonNode::canConvertToExactIntegral, "a valid integer");
    kind(body, "metadata", JsonNode::isObject, "a valid dictionary");
    kind(body, "thinking", JsonNode::isObject, "a valid dictionary");
    kind(body, "tool_choice", n -> n.isObject() && n.path("type").isTextual(), "an object with a type");
    JsonNode stops = body.get("stop_sequences");
    if (stops != null && !stops.isNull()) {
      if (!stops.isArray()) {
        throw bad("stop_sequences: Input should be a valid list");
      }
      for (int i = 0; i < stops.size(); i++) {
        if (!stops.get(i).isTextual()) {
          throw bad("stop_sequences." + i + ": Input should be a valid string");
        }
      }
    }
    JsonNode tools = body.get("tools");
    if (tools != null && !tools.isNull()) {
      if (!tools.isArray()) {
        throw bad("tools: Input should be a valid list");
      }
      for (int i = 0; i < tools.size(); i++) {
        JsonNode tool = tools.get(i);
        if (!tool.isObject() || !tool.path("name").isTextual()) {
          throw bad("tools." + i + ".name: Field required");
        }
      }
    }
  }

  private static void checkMessages(JsonNode messages) {
    if (messages == null || messages.isNull()) {
      throw bad("messages: Field required");
    }
    if (!messages.isArray()) {
      throw bad("messages: Input should be a valid list");
    }
    if (messages.isEmpty()) {
      throw bad("messages: at least one message is required");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String at = "messages." + i;
      if (!m.isObject()) {
        throw bad(at + ": Input should be a valid dictionary");
      }
      JsonNode role = m.get("role");
      if (role == null || role.isNull()) {
        throw bad(at + ".role: Field required");
      }
      if (!role.isTextual() || !ROLES.contains(role.asText())) {
        throw bad(at + ".role: Input should be 'user' or 'assistant'");
      }
      JsonNode content = m.get("content");
      if (content == null || content.isNull()) {
        throw bad(at + ".content: Field required");
      }
      checkContent(content, at + ".content");
    }
  }

  private static void checkSystem(JsonNode system) {
    if (system != null && !system.isNull()) {
      checkContent(system, "system");
    }
  }

  private static void checkContent(JsonNode content, String at) {
    if (content.isTextual()) {
      return;
    }
    if (!content.isArray()) {
      throw bad(at + ": Input should be a valid string or a list of content blocks");
    }
    for (int j = 0; j < content.size(); j++) {
      JsonNode block = content.get(j);
      if (!block.isObject() || !block.path("type").isTextual()) {
        throw bad(at + "." + j + ".type: Field required");
      }
      if ("text".equals(block.get("type").asText()) && !block.path("text").isTextual()) {
        throw bad(at + "." + j + ".text: Field required");
      }
    }
  }

  private static void kind(ObjectNode body, String field, java.util.function.Predicate<JsonNode> ok, String what) {
    JsonNode value = body.get(field);
    if (value != null && !value.isNull() && !ok.test(value)) {
      throw bad(field + ": Input should be " + what);
    }
  }

  static BadRequestException bad(String message) {
    return new BadRequestException(message, null, null);
  }
}
