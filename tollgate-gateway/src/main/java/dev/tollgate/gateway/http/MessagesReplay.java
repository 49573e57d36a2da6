package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.anthropic.inbound.AnthropicSse;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;

/**
 * A cached Anthropic {@code message} replayed as Anthropic's event stream, in the order Anthropic sends it:
 * {@code message_start} (the message with no content, no stop reason, the input-side usage); per content block
 * {@code content_block_start}, its whole content as one delta ({@code text_delta}, {@code citations_delta} per
 * citation, {@code thinking_delta} then {@code signature_delta}, or {@code input_json_delta} with the tool input) and
 * {@code content_block_stop}; then {@code message_delta} (stop reason, stop sequence, the whole usage) and
 * {@code message_stop}. Blocks without deltas in Anthropic's streams (redacted thinking, tool results) arrive whole
 * in their {@code content_block_start}. The SDKs' accumulators rebuild the stored message from it.
 */
final class MessagesReplay {
  private MessagesReplay() {}

  static Buffer sse(ObjectNode message) {
    Buffer out = Buffer.buffer();
    ObjectNode head = message.deepCopy();
    head.putArray("content");
    head.putNull("stop_reason");
    head.putNull("stop_sequence");
    if (message.get("usage") instanceof ObjectNode usage) {
      head.set("usage", usage.deepCopy().put("output_tokens", 0));
    }
    event(out, "message_start", Json.object().put("type", "message_start").set("message", head));
    int index = 0;
    for (JsonNode block : message.path("content")) {
      block(out, index++, block);
    }
    ObjectNode delta = Json.object().put("type", "message_delta");
    ObjectNode stop = delta.putObject("delta");
    stop.set("stop_reason", message.path("stop_reason").isMissingNode() ? null : message.get("stop_reason"));
    stop.set("stop_sequence", message.path("stop_sequence").isMissingNode() ? null : message.get("stop_sequence"));
    if (message.get("usage") instanceof ObjectNode usage) {
      delta.set("usage", usage.deepCopy());
    }
    event(out, "message_delta", delta);
    event(out, "message_stop", Json.object().put("type", "message_stop"));
    return out;
  }

  private static void block(Buffer out, int index, JsonNode block) {
    String type = block.path("type").asText("");
    ObjectNode start = Json.object().put("type", "content_block_start").put("index", index);
    switch (type) {
      case "text" -> {
        start.putObject("content_block").put("type", "text").put("text", "");
        event(out, "content_block_start", start);
        for (JsonNode citation : block.path("citations")) {
          delta(out, index, Json.object().put("type", "citations_delta").set("citation", citation));
        }
        delta(out, index, Json.object().put("type", "text_delta").put("text", block.path("text").asText("")));
      }
      case "thinking" -> {
        start.putObject("content_block").put("type", "thinking").put("thinking", "").put("signature", "");
        event(out, "content_block_start", start);
        delta(out, index, Json.object().put("type", "thinking_delta")
            .put("thinking", block.path("thinking").asText("")));
        if (!block.path("signature").asText("").isEmpty()) {
          delta(out, index, Json.object().put("type", "signature_delta").put("signature",
              block.get("signature").asText()));
        }
      }
      case "tool_use", "server_tool_use", "mcp_tool_use" -> {
        ObjectNode skeleton = block.deepCopy();
        skeleton.putObject("input");
        start.set("content_block", skeleton);
        event(out, "content_block_start", start);
        JsonNode input = block.get("input");
        delta(out, index, Json.object().put("type", "input_json_delta")
            .put("partial_json", input == null || input.isNull() ? "{}" : Json.writeString(input)));
      }
      default -> {
        start.set("content_block", block.deepCopy());
        event(out, "content_block_start", start);
      }
    }
    event(out, "content_block_stop", Json.object().put("type", "content_block_stop").put("index", index));
  }

  private static void delta(Buffer out, int index, ObjectNode delta) {
    event(out, "content_block_delta", Json.object().put("type", "content_block_delta").put("index", index)
        .set("delta", delta));
  }

  private static void event(Buffer out, String name, ObjectNode data) {
    out.appendBytes(AnthropicSse.frame(name, data));
  }
}
