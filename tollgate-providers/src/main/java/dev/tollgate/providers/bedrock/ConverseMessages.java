package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import java.io.IOException;
import java.util.List;

/**
 * OpenAI messages to Converse's {@code system} and {@code messages}. System and developer messages become
 * {@code system} text blocks; user and assistant turns become {@code {role, content}} with content blocks; tool
 * messages become {@code toolResult} blocks in a user turn. Converse wants strictly alternating turns, so consecutive
 * turns of one role (several tool results, a user message after tool results) are merged into one. The message
 * {@code name} has no Converse field and is not sent. A message's {@code cache_control} becomes a {@code cachePoint}
 * after its blocks.
 */
final class ConverseMessages {
  /** Tool-use ids must match {@code [a-zA-Z0-9_-]+} and be at most 64 characters. */
  private static final int MAX_ID = 64;

  private final String model;
  private final ConverseContent content;

  ConverseMessages(String model, boolean dropParams) {
    this.model = model;
    this.content = new ConverseContent(model, dropParams);
  }

  /** Sets {@code system} (when any) and {@code messages} on {@code body}. */
  void translate(List<ChatMessage> messages, ObjectNode body) {
    ArrayNode system = Json.MAPPER.createArrayNode();
    ArrayNode turns = Json.MAPPER.createArrayNode();
    for (ChatMessage message : messages) {
      String role = message.role() == null ? "" : message.role();
      JsonNode cacheControl = message.extra().containsKey("cache_control") ? Json.object()
          .set("cache_control", message.extra().get("cache_control")) : null;
      switch (role) {
        case "system", "developer" -> {
          ArrayNode blocks = ConverseContent.newBlocks();
          content.append(message.content(), blocks);
          ConverseContent.cachePoint(cacheControl, blocks);
          system.addAll(blocks);
        }
        case "user" -> {
          ArrayNode blocks = ConverseContent.newBlocks();
          content.append(message.content(), blocks);
          ConverseContent.cachePoint(cacheControl, blocks);
          addTurn(turns, "user", blocks);
        }
        case "assistant" -> {
          ArrayNode blocks = assistant(message);
          ConverseContent.cachePoint(cacheControl, blocks);
          addTurn(turns, "assistant", blocks);
        }
        case "tool" -> addTurn(turns, "user", toolResult(message));
        default -> throw new UnsupportedParamsException("messages", "bedrock does not support messages with role '"
            + role + "'", BedrockSettings.PROVIDER, model);
      }
    }
    if (!system.isEmpty()) {
      body.set("system", system);
    }
    body.set("messages", turns);
  }

  private ArrayNode assistant(ChatMessage message) {
    ArrayNode blocks = ConverseContent.newBlocks();
    JsonNode thinking = message.extra().get("thinking_blocks");
    if (thinking != null && thinking.isArray()) {
      for (JsonNode block : thinking) {
        reasoning(block, blocks);
      }
    }
    content.append(message.content(), blocks);
    if (message.toolCalls() != null) {
      for (ToolCall call : message.toolCalls()) {
        ObjectNode use = blocks.addObject().putObject("toolUse");
        use.put("toolUseId", toolUseId(call.id()));
        use.put("name", call.function() == null ? null : call.function().name());
        use.set("input", arguments(call));
      }
    }
    return blocks;
  }

  /** LiteLLM's {@code thinking_blocks} ({@code thinking} + {@code signature}, or redacted data) back to Converse. */
  private static void reasoning(JsonNode block, ArrayNode blocks) {
    String type = block.path("type").asText("");
    if (type.equals("thinking") && block.hasNonNull("thinking")) {
      ObjectNode text = blocks.addObject().putObject("reasoningContent").putObject("reasoningText");
      text.put("text", block.get("thinking").asText());
      if (block.hasNonNull("signature")) {
        text.put("signature", block.get("signature").asText());
      }
    } else if (type.equals("redacted_thinking") && block.hasNonNull("data")) {
      blocks.addObject().putObject("reasoningContent").put("redactedContent", block.get("data").asText());
    }
  }

  private JsonNode arguments(ToolCall call) {
    String arguments = call.function() == null ? null : call.function().arguments();
    if (arguments == null || arguments.isBlank()) {
      return Json.object();
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(arguments);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (IOException notJson) {
      // reported below
    }
    throw new BadRequestException("bedrock needs tool call arguments that are a JSON object; tool call " + call.id()
        + " has: " + abbreviate(arguments), BedrockSettings.PROVIDER, model);
  }

  private ArrayNode toolResult(ChatMessage message) {
    if (message.toolCallId() == null) {
      throw new BadRequestException("a tool message needs tool_call_id", BedrockSettings.PROVIDER, model);
    }
    ArrayNode blocks = ConverseContent.newBlocks();
    ObjectNode result = blocks.addObject().putObject("toolResult");
    result.put("toolUseId", toolUseId(message.toolCallId()));
    String text = ConverseContent.text(message.content());
    // Bedrock rejects blank text blocks; an empty tool output still has to say something
    result.putArray("content").addObject().put("text", text.isBlank() ? "(empty)" : text);
    result.put("status", "success");
    return blocks;
  }

  private static void addTurn(ArrayNode turns, String role, ArrayNode blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    if (!turns.isEmpty()) {
      ObjectNode last = (ObjectNode) turns.get(turns.size() - 1);
      if (role.equals(last.get("role").asText())) {
        ArrayNode merged = (ArrayNode) last.get("content");
        if (role.equals("user")) {
          // tool results first: Converse expects them to lead the turn that answers the tool calls
          mergeUser(merged, blocks);
        } else {
          merged.addAll(blocks);
        }
        return;
      }
    }
    ObjectNode turn = turns.addObject();
    turn.put("role", role);
    turn.set("content", blocks);
  }

  private static void mergeUser(ArrayNode merged, ArrayNode blocks) {
    for (JsonNode block : blocks) {
      if (block.has("toolResult")) {
        int at = 0;
        while (at < merged.size() && merged.get(at).has("toolResult")) {
          at++;
        }
        merged.insert(at, block);
      } else {
        merged.add(block);
      }
    }
  }

  /**
   * A tool-call id as Converse accepts it: characters outside {@code [a-zA-Z0-9_-]} become {@code _}, at most 64
   * characters. Applied to both the assistant's tool calls and the tool messages, so the pairs still match.
   */
  static String toolUseId(String id) {
    if (id == null || id.isEmpty()) {
      return "call_0";
    }
    String clean = id.replaceAll("[^a-zA-Z0-9_-]", "_");
    return clean.length() > MAX_ID ? clean.substring(0, MAX_ID) : clean;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
