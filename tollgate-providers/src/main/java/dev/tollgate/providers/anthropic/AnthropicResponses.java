package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * An Anthropic {@code message} as an OpenAI {@code chat.completion}: text blocks joined as the content, {@code tool_use}
 * blocks as tool calls (their {@code input} as JSON arguments), thinking blocks joined as {@code reasoning_content} and
 * kept whole (with their signatures) as {@code thinking_blocks}, so a client can send them back in the next turn; a
 * JSON-mode answer tool ({@link JsonMode}) becomes the content. The id is Anthropic's message id.
 */
final class AnthropicResponses {
  private AnthropicResponses() {}

  static ChatResponse toChatResponse(JsonNode message, long created) {
    if ("error".equals(message.path("type").asText())) {
      throw AnthropicErrors.fromErrorObject(message.path("error"), 500, message.path("model").asText(null), null);
    }
    if (!message.path("content").isArray()) {
      throw new IllegalArgumentException("no content array");
    }
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode thinkingBlocks = Json.MAPPER.createArrayNode();
    List<ToolCall> calls = new ArrayList<>();
    String answer = null;
    for (JsonNode block : message.get("content")) {
      switch (block.path("type").asText("")) {
        case "text" -> text.append(block.path("text").asText(""));
        case "thinking" -> {
          reasoning.append(block.path("thinking").asText(""));
          thinkingBlocks.add(block);
        }
        case "redacted_thinking" -> thinkingBlocks.add(block);
        case "tool_use" -> {
          String name = block.path("name").asText();
          JsonNode input = block.path("input");
          if (JsonMode.isAnswerTool(name)) {
            answer = JsonMode.answer(name, input);
          } else {
            calls.add(ToolCall.function(block.path("id").asText(), name,
                Json.writeString(input.isMissingNode() ? Json.object() : input)));
          }
        }
        default -> {
          // server tool blocks (web search results, code execution, ...) have no OpenAI counterpart
        }
      }
    }
    ChatMessage.Builder out = ChatMessage.builder().role("assistant");
    String content = answer != null ? answer : text.toString();
    out.content(content.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(content));
    if (!calls.isEmpty()) {
      out.toolCalls(calls);
    }
    if (!thinkingBlocks.isEmpty()) {
      out.reasoningContent(reasoning.toString());
      out.extra("thinking_blocks", thinkingBlocks);
    }
    String finish = StopReasons.finishReason(
        message.path("stop_reason").asText(null), answer != null && calls.isEmpty());
    return new ChatResponse(
        message.path("id").asText(null),
        "chat.completion",
        created,
        message.path("model").asText(null),
        List.of(ChatResponse.Choice.of(0, out.build(), finish)),
        AnthropicUsage.of(message.path("usage")),
        null,
        null);
  }
}
