package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
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
 *   <li>text deltas become {@code content}, reasoning text deltas {@code reasoning_content}; the JSON-mode tool's
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
      case "messageStop" -> out.add(withRole(ChatMessage.builder().build(), finishReason(payload)));
      case "metadata" -> {
        Usage usage = ConverseResponses.usage(payload.get("usage"));
        if (usage != null) {
          out.add(new ChatChunk(id, "chat.completion.chunk", created, model, List.of(), usage, null, null));
        }
        done = true;
      }
      default -> {
        // contentBlockStop and event types added later carry nothing to relay
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
    } else if (delta.path("reasoningContent").hasNonNull("text")) {
      String text = delta.get("reasoningContent").get("text").asText();
      out.add(withRole(ChatMessage.builder().reasoningContent(text).build(), null));
    }
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
