package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import java.io.IOException;
import java.util.List;

/**
 * OpenAI messages as Anthropic's {@code system} and {@code messages}. Anthropic keeps the system prompt outside the
 * conversation and wants strict user/assistant alternation, so: system (and developer) messages become top-level
 * {@code system} text blocks wherever they appear; tool results ({@code role: tool}) become {@code tool_result} blocks
 * of a user turn; assistant tool calls become {@code tool_use} blocks; consecutive turns of the same role are merged
 * into one. A message-level {@code cache_control} goes on the message's last block. {@code name} has no Anthropic
 * counterpart and is dropped.
 */
final class AnthropicMessages {
  private AnthropicMessages() {}

  /** The translated conversation, and whether it references uploaded files (which needs a beta header). */
  record Translated(ArrayNode system, ArrayNode messages, boolean usesFiles) {}

  static Translated translate(List<ChatMessage> messages, String model) {
    if (messages == null) {
      throw new BadRequestException("messages is required", AnthropicProvider.NAME, model);
    }
    AnthropicContent content = new AnthropicContent(model);
    ArrayNode system = Json.MAPPER.createArrayNode();
    ArrayNode turns = Json.MAPPER.createArrayNode();
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      String where = "messages[" + i + "]";
      String role = message.role() == null ? "" : message.role();
      switch (role) {
        case "system", "developer" -> {
          ArrayNode blocks = content.blocks(message.content(), where);
          for (JsonNode block : blocks) {
            if (!"text".equals(block.path("type").asText())) {
              throw new BadRequestException(
                  "a system message may hold only text (" + where + ")", AnthropicProvider.NAME, model);
            }
          }
          markCache(blocks, message);
          system.addAll(blocks);
        }
        case "user" -> {
          ArrayNode blocks = content.blocks(message.content(), where);
          markCache(blocks, message);
          append(turns, "user", blocks);
        }
        case "assistant" -> append(turns, "assistant", assistantBlocks(message, content, where, model));
        case "tool" -> append(turns, "user", toolResult(message, content, where, model));
        default -> throw new BadRequestException(
            "anthropic does not accept messages with role '" + role + "' (" + where + ")", AnthropicProvider.NAME,
            model);
      }
    }
    return new Translated(system, turns, content.usesFiles());
  }

  /** Earlier thinking blocks (they must go back unchanged when tools are used with thinking), text, then tool calls. */
  private static ArrayNode assistantBlocks(ChatMessage message, AnthropicContent content, String where, String model) {
    ArrayNode blocks = Json.MAPPER.createArrayNode();
    JsonNode thinking = message.extra().get("thinking_blocks");
    if (thinking != null && thinking.isArray()) {
      thinking.forEach(b -> blocks.add(b.deepCopy()));
    }
    blocks.addAll(content.blocks(message.content(), where));
    List<ToolCall> calls = message.toolCalls();
    if (calls != null) {
      for (int i = 0; i < calls.size(); i++) {
        ToolCall call = calls.get(i);
        if (call.function() == null || call.function().name() == null) {
          throw new BadRequestException(
              where + ".tool_calls[" + i + "] needs a function name", AnthropicProvider.NAME, model);
        }
        ObjectNode use = blocks.addObject();
        use.put("type", "tool_use");
        use.put("id", call.id());
        use.put("name", call.function().name());
        use.set("input", arguments(call.function().arguments(), where + ".tool_calls[" + i + "]", model));
      }
    }
    markCache(blocks, message);
    return blocks;
  }

  /** A tool message as a {@code tool_result} block: text as a string, parts (text, images) as blocks. */
  private static ArrayNode toolResult(ChatMessage message, AnthropicContent content, String where, String model) {
    if (message.toolCallId() == null || message.toolCallId().isBlank()) {
      throw new BadRequestException(where + ".tool_call_id is required", AnthropicProvider.NAME, model);
    }
    ObjectNode result = Json.object();
    result.put("type", "tool_result");
    result.put("tool_use_id", message.toolCallId());
    JsonNode value = message.content();
    if (value != null && value.isArray()) {
      result.set("content", content.blocks(value, where));
    } else if (value != null && !value.isNull()) {
      result.put("content", value.asText());
    }
    JsonNode cache = message.extra().get("cache_control");
    if (cache != null && !cache.isNull()) {
      result.set("cache_control", cache);
    }
    ArrayNode blocks = Json.MAPPER.createArrayNode();
    blocks.add(result);
    return blocks;
  }

  /** A tool call's JSON arguments as the {@code input} object Anthropic wants ({@code {}} when empty). */
  private static JsonNode arguments(String arguments, String where, String model) {
    if (arguments == null || arguments.isBlank()) {
      return Json.object();
    }
    try {
      JsonNode input = Json.MAPPER.readTree(arguments);
      if (input != null && input.isObject()) {
        return input;
      }
    } catch (IOException notJson) {
      // reported below
    }
    throw new BadRequestException(
        where + ".function.arguments must be a JSON object for anthropic", AnthropicProvider.NAME, model);
  }

  private static void markCache(ArrayNode blocks, ChatMessage message) {
    JsonNode cache = message.extra().get("cache_control");
    if (cache != null && !cache.isNull() && !blocks.isEmpty()) {
      ((ObjectNode) blocks.get(blocks.size() - 1)).set("cache_control", cache);
    }
  }

  /** Adds blocks as a turn of {@code role}, merged into the previous turn when that has the same role. */
  private static void append(ArrayNode turns, String role, ArrayNode blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    if (last != null && role.equals(last.path("role").asText())) {
      ((ArrayNode) last.get("content")).addAll(blocks);
      return;
    }
    ObjectNode turn = turns.addObject();
    turn.put("role", role);
    turn.set("content", blocks);
  }
}
