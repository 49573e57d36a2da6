package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import dev.tollgate.providers.types.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * A Converse reply ({@code output.message.content}, {@code stopReason}, {@code usage}) to an OpenAI
 * {@code chat.completion}: text blocks joined into {@code content}, {@code toolUse} blocks to {@code tool_calls},
 * reasoning text to {@code reasoning_content} (with LiteLLM's {@code thinking_blocks} carrying the signatures a later
 * turn must send back), and the JSON-mode tool's input to {@code content}.
 */
final class ConverseResponses {
  private ConverseResponses() {}

  static ChatResponse chat(JsonNode reply, String id, long created, String model) {
    JsonNode blocks = reply.path("output").path("message").path("content");
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode thinkingBlocks = Json.MAPPER.createArrayNode();
    List<ToolCall> calls = new ArrayList<>();
    boolean jsonAnswer = false;
    for (JsonNode block : blocks) {
      if (block.has("text")) {
        text.append(block.get("text").asText());
      } else if (block.has("toolUse")) {
        JsonNode use = block.get("toolUse");
        String input = Json.writeString(use.path("input").isMissingNode() ? Json.object() : use.get("input"));
        if (ConverseTools.JSON_TOOL.equals(use.path("name").asText())) {
          text.append(input);
          jsonAnswer = true;
        } else {
          calls.add(ToolCall.function(use.path("toolUseId").asText(), use.path("name").asText(), input));
        }
      } else if (block.has("reasoningContent")) {
        reasoning(block.get("reasoningContent"), reasoning, thinkingBlocks);
      }
    }
    ChatMessage.Builder message = ChatMessage.builder().role("assistant")
        .content(text.isEmpty() && !calls.isEmpty() ? null : text.toString());
    if (!calls.isEmpty()) {
      message.toolCalls(calls);
    }
    if (!reasoning.isEmpty()) {
      message.reasoningContent(reasoning.toString());
    }
    if (!thinkingBlocks.isEmpty()) {
      message.extra("thinking_blocks", thinkingBlocks);
    }
    String finish = jsonAnswer && calls.isEmpty() && "tool_use".equals(reply.path("stopReason").asText())
        ? "stop"
        : StopReasons.finishReason(reply.path("stopReason").asText(null));
    return new ChatResponse(id, "chat.completion", created, model,
        List.of(ChatResponse.Choice.of(0, message.build(), finish)), usage(reply.path("usage")), null, null);
  }

  private static void reasoning(JsonNode content, StringBuilder reasoning, ArrayNode thinkingBlocks) {
    JsonNode text = content.get("reasoningText");
    if (text != null) {
      reasoning.append(text.path("text").asText(""));
      ObjectNode block = thinkingBlocks.addObject();
      block.put("type", "thinking");
      block.put("thinking", text.path("text").asText(""));
      if (text.hasNonNull("signature")) {
        block.put("signature", text.get("signature").asText());
      }
    } else if (content.hasNonNull("redactedContent")) {
      ObjectNode block = thinkingBlocks.addObject();
      block.put("type", "redacted_thinking");
      block.put("data", content.get("redactedContent").asText());
    }
  }

  /**
   * Converse usage to OpenAI's: prompt tokens include cache reads and writes (OpenAI counts cached tokens inside
   * {@code prompt_tokens}; Bedrock reports them apart), {@code cached_tokens} is the cache read.
   */
  static Usage usage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    int input = usage.path("inputTokens").asInt(0);
    int output = usage.path("outputTokens").asInt(0);
    int cacheRead = usage.path("cacheReadInputTokens").asInt(0);
    int cacheWrite = usage.path("cacheWriteInputTokens").asInt(0);
    int prompt = input + cacheRead + cacheWrite;
    int total = usage.hasNonNull("totalTokens") ? Math.max(usage.get("totalTokens").asInt(), prompt + output)
        : prompt + output;
    java.util.Map<String, JsonNode> extra = new java.util.LinkedHashMap<>();
    if (usage.has("cacheReadInputTokens") || usage.has("cacheWriteInputTokens")) {
      ObjectNode details = Json.object();
      details.put("cached_tokens", cacheRead);
      extra.put("prompt_tokens_details", details);
      if (cacheWrite > 0) {
        extra.put("cache_creation_input_tokens", Json.MAPPER.getNodeFactory().numberNode(cacheWrite));
      }
    }
    return new Usage(prompt, output, total, extra);
  }
}
