package dev.tollgate.providers.anthropic.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import java.io.IOException;

/**
 * An OpenAI {@code chat.completion} as an Anthropic message: id {@code msg_...}; content blocks {@code thinking}
 * (from {@code reasoning_content}), {@code text}, then one {@code tool_use} per tool call (its arguments JSON string
 * parsed into {@code input}); the stop reason from the finish reason ({@link #stopReason}); usage by
 * {@link MessagesUsage}. Only the first choice is used (Anthropic has no {@code n}).
 */
public final class ChatToMessage {
  private ChatToMessage() {}

  public static ObjectNode toMessage(ChatResponse response, String model) {
    ObjectNode out = Json.object();
    out.put("id", messageId(response.id()));
    out.put("type", "message");
    out.put("role", "assistant");
    out.put("model", response.model() != null ? response.model() : model);
    ArrayNode content = out.putArray("content");
    ChatResponse.Choice choice = response.choices().isEmpty() ? null : response.choices().get(0);
    ChatMessage message = choice == null ? null : choice.message();
    if (message != null) {
      if (message.reasoningContent() != null && !message.reasoningContent().isEmpty()) {
        content.addObject().put("type", "thinking").put("thinking", message.reasoningContent()).put("signature", "");
      }
      String text = message.text();
      if (text != null && !text.isEmpty()) {
        content.addObject().put("type", "text").put("text", text);
      } else if (message.refusal() != null && !message.refusal().isEmpty()) {
        content.addObject().put("type", "text").put("text", message.refusal());
      }
      if (message.toolCalls() != null) {
        for (ToolCall call : message.toolCalls()) {
          ObjectNode use = content.addObject().put("type", "tool_use");
          use.put("id", call.id() == null ? "toolu_" + dev.tollgate.providers.Ids.uuid().replace("-", "") : call.id());
          use.put("name", call.function() == null ? "" : call.function().name());
          use.set("input", input(call.function() == null ? null : call.function().arguments()));
        }
      }
    }
    out.put("stop_reason", stopReason(choice == null ? null : choice.finishReason()));
    out.putNull("stop_sequence");
    out.set("usage", MessagesUsage.toAnthropic(response.usage()));
    return out;
  }

  /**
   * Anthropic's stop reason for an OpenAI finish reason: {@code stop} is {@code end_turn}, {@code length}
   * {@code max_tokens}, {@code tool_calls} (and the legacy {@code function_call}) {@code tool_use},
   * {@code content_filter} {@code refusal}. OpenAI does not say which stop sequence matched, so
   * {@code stop_sequence} is never reported.
   */
  public static String stopReason(String finishReason) {
    if (finishReason == null) {
      return "end_turn";
    }
    return switch (finishReason) {
      case "length" -> "max_tokens";
      case "tool_calls", "function_call" -> "tool_use";
      case "content_filter" -> "refusal";
      default -> "end_turn";
    };
  }

  /** A fresh message id, {@code msg_} and 32 hex digits. */
  public static String newId() {
    return "msg_" + dev.tollgate.providers.Ids.uuid().replace("-", "");
  }

  /** {@code msg_} and the upstream id's letters and digits (a fresh id when there is none). */
  static String messageId(String upstream) {
    if (upstream != null && upstream.startsWith("msg_")) {
      return upstream;
    }
    String tail = upstream == null ? "" : upstream.replaceAll("[^A-Za-z0-9]", "");
    return tail.isEmpty() ? newId() : "msg_" + tail;
  }

  /** The tool input: the arguments parsed as a JSON object; anything else is kept under {@code arguments}. */
  static JsonNode input(String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return Json.object();
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(arguments);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (IOException notJson) {
      // kept as text below
    }
    return Json.object().put("arguments", arguments);
  }
}
