package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.eventstream.EventStreamDecoder;
import dev.tollgate.providers.eventstream.EventStreamMessage;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import dev.tollgate.providers.types.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ConverseStream reply (AWS event-stream frames, see {@link EventStreamDecoder}) to OpenAI chunks:
 *
 * <ul>
 *   <li>{@code messageStart} gives the first chunk, with {@code role: assistant};
 *   <li>{@code contentBlockStart} with a {@code toolUse} opens a tool call (index, id, name), whose
 *       {@code contentBlockDelta.toolUse.input} fragments become argument deltas; tool-call indexes are dense (0, 1,
 *       ...) whatever the content-block index;
 *   <li>text deltas become {@code content}, reasoning text deltas {@code reasoning_content}; at the end of a
 *       reasoning block the whole block (with its signature) follows as {@code thinking_blocks}; the JSON-mode tool's
 *       input becomes content;
 *   <li>{@code messageStop} gives the finish chunk, {@code metadata} (which Bedrock sends after it) the usage chunk
 *       ({@code choices: []}), after which the stream is done;
 *   <li>an exception frame ({@code :message-type exception}) is thrown as the typed error it names.
 * </ul>
 */
final class ConverseStreamDecoder implements ChatStreamDecoder {
  private final EventStreamDecoder frames = new EventStreamDecoder();
  private final String id;
  private final long created;
  private final String model;
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
  private final Set<Integer> jsonBlocks = new HashSet<>();
  /** Reasoning of open content blocks (text, signature, redacted data), sent whole as thinking_blocks at their end. */
  private final Map<Integer, ObjectNode> reasoning = new HashMap<>();
  private boolean sentRole;
  private boolean done;

  ConverseStreamDecoder(String id, long created, String model) {
    this.id = id;
    this.created = created;
    this.model = model;
  }

  @Override
  public List<ChatChunk> feed(byte[] bytes) {
    List<EventStreamMessage> messages;
    try {
      messages = frames.feed(bytes);
    } catch (EventStreamDecoder.EventStreamException e) {
      throw new InternalServerException("bedrock sent a broken stream: " + e.getMessage(), BedrockSettings.PROVIDER,
          model, e);
    }
    List<ChatChunk> chunks = new ArrayList<>();
    for (EventStreamMessage message : messages) {
      if (!done) {
        event(message, chunks);
      }
    }
    return chunks;
  }

  @Override
  public boolean isDone() {
    return done;
  }

  private void event(EventStreamMessage message, List<ChatChunk> out) {
    String type = message.messageType();
    if ("exception".equals(type)) {
      throw BedrockErrors.fromStreamException(message.header(":exception-type"), message.payload(), model);
    }
    if ("error".equals(type)) {
      throw new InternalServerException("bedrock stream error " + message.header(":error-code") + ": "
          + message.header(":error-message"), BedrockSettings.PROVIDER, model);
    }
    JsonNode payload = payload(message);
    switch (String.valueOf(message.header(":event-type"))) {
      case "messageStart" -> out.add(delta(ChatMessage.builder().role("assistant").content("").build(), null));
      case "contentBlockStart" -> start(payload, out);
      case "contentBlockDelta" -> delta(payload, out);
      case "contentBlockStop" -> thinkingBlock(payload.path("contentBlockIndex").asInt(), out);
      case "messageStop" -> out.add(withRole(ChatMessage.builder().build(), finishReason(payload)));
      case "metadata" -> {
        Usage usage = ConverseResponses.usage(payload.get("usage"));
        if (usage != null) {
          out.add(new ChatChunk(id, "chat.completion.chunk", created, model, List.of(), usage, null, null));
        }
        done = true;
      }
      default -> {
        // event types added later carry nothing to relay
      }
    }
  }

  private void start(JsonNode payload, List<ChatChunk> out) {
    JsonNode use = payload.path("start").get("toolUse");
    if (use == null) {
      return;
    }
    int block = payload.path("contentBlockIndex").asInt();
    if (ConverseTools.JSON_TOOL.equals(use.path("name").asText())) {
      jsonBlocks.add(block);
      return;
    }
    int index = toolIndexByBlock.size();
    toolIndexByBlock.put(block, index);
    ToolCall call = new ToolCall(index, use.path("toolUseId").asText(), "function",
        new ToolCall.FunctionCall(use.path("name").asText(), "", null), null);
    out.add(withRole(ChatMessage.builder().toolCalls(List.of(call)).build(), null));
  }

  private void delta(JsonNode payload, List<ChatChunk> out) {
    int block = payload.path("contentBlockIndex").asInt();
    JsonNode delta = payload.path("delta");
    if (delta.has("text")) {
      out.add(withRole(ChatMessage.builder().content(delta.get("text").asText()).build(), null));
    } else if (delta.has("toolUse")) {
      String fragment = delta.get("toolUse").path("input").asText("");
      if (jsonBlocks.contains(block)) {
        out.add(withRole(ChatMessage.builder().content(fragment).build(), null));
        return;
      }
      Integer index = toolIndexByBlock.get(block);
      if (index == null) { // a tool block without its start event: open it without id and name
        index = toolIndexByBlock.size();
        toolIndexByBlock.put(block, index);
      }
      ToolCall call = new ToolCall(index, null, null, new ToolCall.FunctionCall(null, fragment, null), null);
      out.add(withRole(ChatMessage.builder().toolCalls(List.of(call)).build(), null));
    } else if (delta.has("reasoningContent")) {
      JsonNode part = delta.get("reasoningContent");
      ObjectNode gathered = reasoning.computeIfAbsent(block, i -> Json.object());
      if (part.hasNonNull("text")) {
        gathered.put("thinking", gathered.path("thinking").asText("") + part.get("text").asText());
        out.add(withRole(ChatMessage.builder().reasoningContent(part.get("text").asText()).build(), null));
      }
      if (part.hasNonNull("signature")) {
        gathered.put("signature", gathered.path("signature").asText("") + part.get("signature").asText());
      }
      if (part.hasNonNull("redactedContent")) {
        gathered.put("data", gathered.path("data").asText("") + part.get("redactedContent").asText());
      }
    }
  }

  /**
   * At the end of a reasoning block, the whole block as LiteLLM's {@code thinking_blocks} (text and signature, or
   * redacted data): what a client must send back on its next turn for Claude to continue with thinking and tools.
   */
  private void thinkingBlock(int block, List<ChatChunk> out) {
    ObjectNode gathered = reasoning.remove(block);
    if (gathered == null) {
      return;
    }
    ObjectNode thinking = Json.object();
    if (gathered.has("data") && !gathered.has("thinking")) {
      thinking.put("type", "redacted_thinking");
      thinking.set("data", gathered.get("data"));
    } else {
      thinking.put("type", "thinking");
      thinking.put("thinking", gathered.path("thinking").asText(""));
      if (gathered.has("signature")) {
        thinking.set("signature", gathered.get("signature"));
      }
    }
    ArrayNode blocks = Json.MAPPER.createArrayNode().add(thinking);
    out.add(withRole(ChatMessage.builder().extra("thinking_blocks", blocks).build(), null));
  }

  private String finishReason(JsonNode payload) {
    String stop = payload.path("stopReason").asText(null);
    if ("tool_use".equals(stop) && toolIndexByBlock.isEmpty() && !jsonBlocks.isEmpty()) {
      return "stop";
    }
    return StopReasons.finishReason(stop);
  }

  /** A chunk for {@code delta}; the first chunk of a stream always carries the assistant role. */
  private ChatChunk withRole(ChatMessage delta, String finish) {
    if (!sentRole) {
      delta = delta.toBuilder().role("assistant").build();
    }
    return delta(delta, finish);
  }

  private ChatChunk delta(ChatMessage delta, String finish) {
    sentRole = true;
    return new ChatChunk(id, "chat.completion.chunk", created, model,
        List.of(ChatChunk.ChunkChoice.of(0, delta, finish)), null, null, null);
  }

  private JsonNode payload(EventStreamMessage message) {
    if (message.payload().length == 0) {
      return Json.object();
    }
    try {
      return Json.MAPPER.readTree(message.payload());
    } catch (IOException e) {
      throw new InternalServerException("bedrock sent a stream event that is not JSON: "
          + abbreviate(message.payloadText()), BedrockSettings.PROVIDER, model);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
