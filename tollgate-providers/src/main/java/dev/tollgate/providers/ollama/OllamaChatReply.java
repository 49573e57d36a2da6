package dev.tollgate.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.Ids;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.ToolCall;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An Ollama chat reply as an OpenAI {@code chat.completion}: the message's content, {@code thinking} as
 * {@code reasoning_content}, tool calls with JSON-string arguments and ids, {@code created_at} as {@code created},
 * the eval counts as usage. Ollama gives no reply id, so one is made ({@code chatcmpl-<uuid>}).
 */
final class OllamaChatReply {
  private OllamaChatReply() {}

  static ChatResponse toOpenAi(JsonNode reply, String model) {
    JsonNode message = reply.path("message");
    List<ToolCall> calls = OllamaToolCalls.toOpenAi(message.path("tool_calls"), 0, false);
    String content = message.path("content").asText("");
    ChatMessage.Builder out = ChatMessage.builder().role("assistant")
        .content(calls.isEmpty() || !content.isEmpty() ? TextNode.valueOf(content) : NullNode.getInstance());
    if (!calls.isEmpty()) {
      out.toolCalls(calls);
    }
    if (message.path("thinking").isTextual() && !message.get("thinking").asText().isEmpty()) {
      out.reasoningContent(message.get("thinking").asText());
    }
    return new ChatResponse("chatcmpl-" + Ids.uuid(), "chat.completion", created(reply), model,
        List.of(ChatResponse.Choice.of(0, out.build(), finishReason(reply.path("done_reason").asText(null),
            !calls.isEmpty()))),
        OllamaUsage.toOpenAi(reply), null, null);
  }

  /** {@code length} stays; a reply with tool calls is {@code tool_calls} (Ollama says stop); anything else stop. */
  static String finishReason(String doneReason, boolean calledTools) {
    if ("length".equals(doneReason)) {
      return "length";
    }
    return calledTools ? "tool_calls" : "stop";
  }

  /** {@code created_at} (RFC 3339 with any offset) in epoch seconds, or now when absent or unreadable. */
  static long created(JsonNode reply) {
    String at = reply.path("created_at").asText(null);
    if (at != null) {
      try {
        return OffsetDateTime.parse(at).toEpochSecond();
      } catch (java.time.format.DateTimeParseException ignored) {
        // fall through
      }
    }
    return Instant.now().getEpochSecond();
  }
}
