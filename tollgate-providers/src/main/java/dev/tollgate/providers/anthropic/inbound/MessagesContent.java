package dev.tollgate.providers.anthropic.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * One Anthropic message as OpenAI messages. A user turn's {@code tool_result} blocks become {@code tool} messages
 * (first, since OpenAI wants them right after the assistant's tool calls), its other blocks one user message of parts:
 * {@code text}; {@code image} (base64 as a {@code data:} URL, or a URL) as {@code image_url}; {@code document} (a PDF
 * as a {@code file} part with {@code file_data}, a URL as a {@code file} part with {@code file_id} and
 * {@code format}, plain text or content blocks as text). An assistant turn's {@code text} blocks become its content,
 * {@code tool_use} blocks its {@code tool_calls} (input written as the arguments JSON string), {@code thinking} blocks
 * its {@code reasoning_content}. Blocks the OpenAI format cannot carry ({@code redacted_thinking}) are dropped.
 */
final class MessagesContent {
  private MessagesContent() {}

  static List<ChatMessage> toChat(JsonNode message) {
    String role = message.get("role").asText();
    JsonNode content = message.get("content");
    if (content.isTextual()) {
      return List.of(ChatMessage.builder().role(role).content(content.asText()).build());
    }
    return role.equals("assistant") ? List.of(assistant(content)) : user(content);
  }

  /** The text of a string or of the {@code text} blocks of a block list, joined by newlines. */
  static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText())) {
        texts.add(block.path("text").asText());
      }
    }
    return String.join("\n", texts);
  }

  private static List<ChatMessage> user(JsonNode blocks) {
    List<ChatMessage> out = new ArrayList<>();
    ArrayNode parts = Json.MAPPER.createArrayNode();
    for (JsonNode block : blocks) {
      switch (block.get("type").asText()) {
        case "tool_result" -> toolResult(block, out, parts);
        case "text" -> parts.add(textPart(block.get("text").asText()));
        case "image" -> parts.add(image(block.get("source")));
        case "document" -> parts.add(document(block));
        case "thinking", "redacted_thinking" -> { } // not part of a user turn in the OpenAI format
        default -> throw MessagesRequestCheck.bad("content block type '" + block.get("type").asText()
            + "' can be sent only to an Anthropic deployment");
      }
    }
    if (!parts.isEmpty()) {
      boolean onlyText = true;
      for (JsonNode p : parts) {
        onlyText &= "text".equals(p.path("type").asText());
      }
      ChatMessage.Builder user = ChatMessage.builder().role("user");
      if (onlyText && parts.size() == 1) {
        user.content(parts.get(0).get("text").asText());
      } else {
        user.content(parts);
      }
      out.add(user.build());
    }
    return out;
  }

  /** A {@code tool} message with the result's text; images in the result go to the following user message. */
  private static void toolResult(JsonNode block, List<ChatMessage> out, ArrayNode userParts) {
    JsonNode content = block.get("content");
    String text;
    if (content == null || content.isNull()) {
      text = "";
    } else if (content.isTextual()) {
      text = content.asText();
    } else {
      text = text(content);
      for (JsonNode inner : content) {
        if ("image".equals(inner.path("type").asText())) {
          userParts.add(image(inner.get("source")));
        }
      }
    }
    if (block.path("is_error").asBoolean(false) && !text.startsWith("Error")) {
      text = "Error: " + text;
    }
    out.add(ChatMessage.tool(block.path("tool_use_id").asText(), text));
  }

  private static ChatMessage assistant(JsonNode blocks) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : blocks) {
      switch (block.get("type").asText()) {
        case "text" -> text.append(block.get("text").asText());
        case "thinking" -> thinking.append(block.path("thinking").asText());
        case "tool_use" -> calls.add(ToolCall.function(block.path("id").asText(), block.path("name").asText(),
            Json.writeString(block.has("input") ? block.get("input") : Json.object())));
        case "redacted_thinking" -> { }
        default -> throw MessagesRequestCheck.bad("content block type '" + block.get("type").asText()
            + "' in an assistant turn can be sent only to an Anthropic deployment");
      }
    }
    ChatMessage.Builder out = ChatMessage.builder().role("assistant");
    if (!text.isEmpty() || calls.isEmpty()) {
      out.content(text.toString());
    }
    if (!calls.isEmpty()) {
      out.toolCalls(calls);
    }
    if (!thinking.isEmpty()) {
      out.reasoningContent(thinking.toString());
    }
    return out.build();
  }

  private static ObjectNode textPart(String text) {
    return Json.object().put("type", "text").put("text", text);
  }

  private static ObjectNode image(JsonNode source) {
    ObjectNode part = Json.object().put("type", "image_url");
    part.putObject("image_url").put("url", sourceUrl(source, "image"));
    return part;
  }

  private static ObjectNode document(JsonNode block) {
    JsonNode source = block.path("source");
    switch (source.path("type").asText()) {
      case "text" -> {
        return textPart(source.path("data").asText());
      }
      case "content" -> {
        JsonNode content = source.get("content");
        return textPart(content == null ? "" : text(content));
      }
      case "url" -> {
        ObjectNode part = Json.object().put("type", "file");
        part.putObject("file").put("file_id", source.path("url").asText()).put("format", "application/pdf");
        return part;
      }
      default -> {
        ObjectNode part = Json.object().put("type", "file");
        ObjectNode file = part.putObject("file").put("file_data", sourceUrl(source, "document"));
        if (block.path("title").isTextual()) {
          file.put("filename", block.get("title").asText());
        }
        return part;
      }
    }
  }

  /** A base64 source as a {@code data:} URL, a URL source as itself. */
  private static String sourceUrl(JsonNode source, String what) {
    String type = source == null ? "" : source.path("type").asText();
    return switch (type) {
      case "base64" -> "data:" + source.path("media_type").asText("application/octet-stream") + ";base64,"
          + source.path("data").asText();
      case "url" -> source.path("url").asText();
      default -> throw MessagesRequestCheck.bad(what + ".source.type '" + type
          + "' is not supported for non-Anthropic deployments (use base64 or url)");
    };
  }
}
