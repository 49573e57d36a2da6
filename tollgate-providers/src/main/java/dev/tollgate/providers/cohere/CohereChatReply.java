package dev.tollgate.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.ToolCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Cohere chat reply as an OpenAI {@code chat.completion}: text blocks joined as the content, thinking blocks as
 * {@code reasoning_content}, tool calls as they are (Cohere's ids and JSON-string arguments have OpenAI's shape), and
 * the {@code tool_plan} of a tool-calling turn as the content (the words before the calls). Citations and logprobs
 * have no OpenAI place and are left out.
 */
final class CohereChatReply {
  private CohereChatReply() {}

  static ChatResponse toOpenAi(JsonNode reply, String model) {
    JsonNode message = reply.path("message");
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    boolean hasText = false;
    JsonNode content = message.get("content");
    if (content != null && content.isTextual()) {
      text.append(content.asText());
      hasText = true;
    } else if (content != null && content.isArray()) {
      for (JsonNode block : content) {
        switch (block.path("type").asText("")) {
          case "text" -> {
            text.append(block.path("text").asText(""));
            hasText = true;
          }
          case "thinking" -> thinking.append(block.path("thinking").asText(""));
          default -> { }
        }
      }
    }
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode args = call.path("function").get("arguments");
      calls.add(new ToolCall(null, call.path("id").asText(), "function", new ToolCall.FunctionCall(
          call.path("function").path("name").asText(), args == null || args.isNull() ? "{}"
              : args.isTextual() ? args.asText() : args.toString(), null), null));
    }
    if (!calls.isEmpty() && !hasText && message.path("tool_plan").isTextual()
        && !message.get("tool_plan").asText().isEmpty()) {
      text.append(message.get("tool_plan").asText());
      hasText = true;
    }
    ChatMessage.Builder out = ChatMessage.builder().role("assistant").content(hasText
        ? com.fasterxml.jackson.databind.node.TextNode.valueOf(text.toString())
        : com.fasterxml.jackson.databind.node.NullNode.getInstance());
    if (!calls.isEmpty()) {
      out.toolCalls(calls);
    }
    if (!thinking.isEmpty()) {
      out.reasoningContent(thinking.toString());
    }
    String finish = CohereFinishReason.toOpenAi(reply.path("finish_reason").asText(null), null, model);
    return new ChatResponse(
        reply.path("id").asText(null),
        "chat.completion",
        Instant.now().getEpochSecond(),
        model,
        List.of(ChatResponse.Choice.of(0, out.build(), finish)),
        CohereUsage.toOpenAi(reply.get("usage")),
        null,
        null);
  }
}
