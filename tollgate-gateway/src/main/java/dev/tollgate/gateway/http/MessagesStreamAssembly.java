package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.anthropic.inbound.MessagesUsage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Rebuilds the Anthropic {@code message} a relayed {@code /v1/messages} stream amounted to, from the events the client
 * was sent: the message of {@code message_start}, each content block from its {@code content_block_start} and deltas
 * (text, citations, thinking and its signature, tool input JSON), the stop reason and sequence of
 * {@code message_delta}, and the usage (the stream's, as the gateway priced it). Handed to {@code done} only when the
 * stream reached {@code message_stop} with every block closed; an {@code error} event, a delta of a kind it does not
 * know or tool input that is not JSON stores nothing.
 */
final class MessagesStreamAssembly implements StreamTap {
  private final Consumer<ObjectNode> done;
  private final Map<Integer, Block> blocks = new TreeMap<>();
  private ObjectNode message;
  private final ObjectNode usage = Json.object();
  private JsonNode stopReason;
  private JsonNode stopSequence;
  private boolean stopped;
  private boolean unreadable;

  private static final class Block {
    final ObjectNode start;
    final StringBuilder text = new StringBuilder();
    final StringBuilder thinking = new StringBuilder();
    final StringBuilder json = new StringBuilder();
    final ArrayNode citations = Json.MAPPER.createArrayNode();
    String signature;
    boolean closed;

    Block(ObjectNode start) {
      this.start = start;
    }
  }

  MessagesStreamAssembly(Consumer<ObjectNode> done) {
    this.done = done;
  }

  @Override
  public void frame(byte[] frame) {
    if (unreadable) {
      return;
    }
    for (String line : new String(frame, StandardCharsets.UTF_8).split("\n")) {
      if (!line.startsWith("data:")) {
        continue;
      }
      try {
        read(Json.tree(line.substring(5).trim().getBytes(StandardCharsets.UTF_8)));
      } catch (RuntimeException e) {
        unreadable = true;
        return;
      }
    }
  }

  private void read(JsonNode event) {
    switch (event.path("type").asText("")) {
      case "message_start" -> {
        if (event.get("message") instanceof ObjectNode m) {
          message = m.deepCopy();
          if (m.get("usage") instanceof ObjectNode u) {
            usage.setAll(u);
          }
        } else {
          unreadable = true;
        }
      }
      case "content_block_start" -> {
        if (event.get("content_block") instanceof ObjectNode b) {
          blocks.put(event.path("index").asInt(), new Block(b.deepCopy()));
        } else {
          unreadable = true;
        }
      }
      case "content_block_delta" -> delta(blocks.get(event.path("index").asInt()), event.path("delta"));
      case "content_block_stop" -> {
        Block b = blocks.get(event.path("index").asInt());
        if (b == null) {
          unreadable = true;
        } else {
          b.closed = true;
        }
      }
      case "message_delta" -> {
        stopReason = event.path("delta").get("stop_reason");
        stopSequence = event.path("delta").get("stop_sequence");
        if (event.get("usage") instanceof ObjectNode u) {
          usage.setAll(u);
        }
      }
      case "message_stop" -> stopped = true;
      case "ping" -> { }
      default -> unreadable = true; // an error event, or one this assembly does not know
    }
  }

  private void delta(Block b, JsonNode delta) {
    if (b == null) {
      unreadable = true;
      return;
    }
    switch (delta.path("type").asText("")) {
      case "text_delta" -> b.text.append(delta.path("text").asText(""));
      case "thinking_delta" -> b.thinking.append(delta.path("thinking").asText(""));
      case "signature_delta" -> b.signature = delta.path("signature").asText("");
      case "input_json_delta" -> b.json.append(delta.path("partial_json").asText(""));
      case "citations_delta" -> b.citations.add(delta.path("citation"));
      default -> unreadable = true;
    }
  }

  @Override
  public void completed(Usage streamUsage) {
    if (unreadable || message == null || !stopped || blocks.values().stream().anyMatch(b -> !b.closed)) {
      return;
    }
    ObjectNode out = message.deepCopy();
    ArrayNode content = out.putArray("content");
    for (Block b : blocks.values()) {
      ObjectNode block = b.start;
      if (!b.text.isEmpty() || "text".equals(block.path("type").asText())) {
        block.put("text", block.path("text").asText("") + b.text);
      }
      if (!b.thinking.isEmpty()) {
        block.put("thinking", block.path("thinking").asText("") + b.thinking);
      }
      if (b.signature != null) {
        block.put("signature", b.signature);
      }
      if (!b.citations.isEmpty()) {
        ArrayNode citations = block.get("citations") instanceof ArrayNode a ? a : block.putArray("citations");
        citations.addAll(b.citations);
      }
      if (!b.json.isEmpty()) {
        try {
          block.set("input", Json.tree(b.json.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
          return; // tool input that is not JSON: nothing is stored
        }
      }
      content.add(block);
    }
    out.set("stop_reason", stopReason);
    out.set("stop_sequence", stopSequence);
    out.set("usage", streamUsage != null ? MessagesUsage.toAnthropic(streamUsage) : usage);
    done.accept(out);
  }
}
