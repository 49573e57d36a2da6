package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.sse.SseDecoder;
import dev.tollgate.providers.sse.SseEvent;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages stream as OpenAI chunks. {@code message_start} gives the first chunk (role {@code assistant},
 * empty content) and the input token counts; {@code content_block_start}/{@code _delta} give content, tool calls
 * (numbered 0, 1, ... in order of appearance: id and name first, then argument fragments) and
 * {@code reasoning_content}; {@code message_delta} gives the chunk with the finish reason and the output token count;
 * {@code message_stop} ends the stream with a usage chunk ({@code "choices": []}). {@code ping} is skipped; an
 * {@code error} event (such as {@code overloaded_error}) is thrown as the typed exception. A JSON-mode answer tool
 * ({@link JsonMode}) streams as content.
 */
public final class AnthropicStreamDecoder implements ChatStreamDecoder {
  private static final String OBJECT = "chat.completion.chunk";

  private enum Kind { TEXT, TOOL, ANSWER, WRAPPED_ANSWER, THINKING, OTHER }

  /** What one content block index of the stream is. */
  private static final class Block {
    final Kind kind;
    final int toolIndex;
    final String name;
    final StringBuilder buffer = new StringBuilder();

    Block(Kind kind, int toolIndex, String name) {
      this.kind = kind;
      this.toolIndex = toolIndex;
      this.name = name;
    }
  }

  private final SseDecoder sse = new SseDecoder();
  private final String targetModel;
  private final Clock clock;
  private final Map<Integer, Block> blocks = new HashMap<>();
  private final AnthropicUsage.Counts usage = new AnthropicUsage.Counts();
  private String id;
  private String model;
  private long created;
  private int tools;
  private boolean sawAnswer;
  private boolean done;

  public AnthropicStreamDecoder(String targetModel, Clock clock) {
    this.targetModel = targetModel;
    this.clock = clock;
  }

  @Override
  public List<ChatChunk> feed(byte[] bytes) {
    List<ChatChunk> out = new ArrayList<>(2);
    for (SseEvent event : sse.feed(bytes)) {
      if (done) {
        break;
      }
      onEvent(event, out);
    }
    return out;
  }

  @Override
  public boolean isDone() {
    return done;
  }

  private void onEvent(SseEvent event, List<ChatChunk> out) {
    JsonNode data;
    try {
      data = Json.MAPPER.readTree(event.data());
    } catch (IOException e) {
      throw new InternalServerException(
          "anthropic sent a stream event that is not JSON: " + abbreviate(event.data()), AnthropicProvider.NAME,
          targetModel);
    }
    String type = data.path("type").asText(event.event() == null ? "" : event.event());
    switch (type) {
      case "message_start" -> {
        JsonNode message = data.path("message");
        id = message.path("id").asText(null);
        model = message.path("model").asText(null);
        created = clock.instant().getEpochSecond();
        usage.update(message.path("usage"));
        out.add(chunk(ChatMessage.builder().role("assistant").content("").build(), null));
      }
      case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), out);
      case "content_block_delta" -> blockDelta(blocks.get(data.path("index").asInt()), data.path("delta"), out);
      case "content_block_stop" -> blockStop(blocks.get(data.path("index").asInt()), out);
      case "message_delta" -> {
        usage.update(data.path("usage"));
        String stopReason = data.path("delta").path("stop_reason").asText(null);
        if (stopReason != null) {
          String finish = StopReasons.finishReason(stopReason, sawAnswer && tools == 0);
          out.add(chunk(ChatMessage.builder().build(), finish));
        }
      }
      case "message_stop" -> {
        done = true;
        out.add(new ChatChunk(id, OBJECT, created, modelName(), List.of(), usage.toUsage(), null, null));
      }
      case "error" -> throw AnthropicErrors.fromErrorObject(data.path("error"), 500, targetModel, null);
      default -> {
        // ping, and event types added after this was written
      }
    }
  }

  private void blockStart(int index, JsonNode block, List<ChatChunk> out) {
    String type = block.path("type").asText("");
    switch (type) {
      case "text" -> {
        blocks.put(index, new Block(Kind.TEXT, -1, null));
        content(block.path("text").asText(""), out);
      }
      case "tool_use" -> {
        String name = block.path("name").asText("");
        if (JsonMode.isAnswerTool(name)) {
          sawAnswer = true;
          blocks.put(index, new Block(JsonMode.TOOL.equals(name) ? Kind.ANSWER : Kind.WRAPPED_ANSWER, -1, name));
          return;
        }
        int toolIndex = tools++;
        blocks.put(index, new Block(Kind.TOOL, toolIndex, name));
        ToolCall call = new ToolCall(toolIndex, block.path("id").asText(null), "function",
            new ToolCall.FunctionCall(name, "", null), null);
        out.add(chunk(ChatMessage.builder().toolCalls(List.of(call)).build(), null));
      }
      case "thinking" -> {
        blocks.put(index, new Block(Kind.THINKING, -1, null));
        reasoning(block.path("thinking").asText(""), out);
      }
      case "redacted_thinking" -> {
        blocks.put(index, new Block(Kind.OTHER, -1, null));
        ArrayNode thinkingBlocks = Json.MAPPER.createArrayNode().add(block);
        out.add(chunk(ChatMessage.builder().extra("thinking_blocks", thinkingBlocks).build(), null));
      }
      default -> blocks.put(index, new Block(Kind.OTHER, -1, null));
    }
  }

  private void blockDelta(Block block, JsonNode delta, List<ChatChunk> out) {
    if (block == null) {
      return;
    }
    switch (delta.path("type").asText("")) {
      case "text_delta" -> content(delta.path("text").asText(""), out);
      case "thinking_delta" -> reasoning(delta.path("thinking").asText(""), out);
      case "signature_delta" -> {
        ArrayNode thinkingBlocks = Json.MAPPER.createArrayNode();
        thinkingBlocks.addObject().put("type", "thinking").put("thinking", "")
            .put("signature", delta.path("signature").asText(""));
        out.add(chunk(ChatMessage.builder().extra("thinking_blocks", thinkingBlocks).build(), null));
      }
      case "input_json_delta" -> {
        String partial = delta.path("partial_json").asText("");
        if (partial.isEmpty()) {
          return;
        }
        switch (block.kind) {
          case TOOL -> {
            ToolCall fragment = new ToolCall(block.toolIndex, null, null,
                new ToolCall.FunctionCall(null, partial, null), null);
            out.add(chunk(ChatMessage.builder().toolCalls(List.of(fragment)).build(), null));
          }
          case ANSWER -> content(partial, out);
          case WRAPPED_ANSWER -> block.buffer.append(partial);
          default -> {
            // input of a server tool: not part of the OpenAI reply
          }
        }
      }
      default -> {
        // citations_delta and newer delta types have no OpenAI counterpart
      }
    }
  }

  /** A wrapped JSON-mode answer can only be unwrapped whole, so it is sent when its block ends. */
  private void blockStop(Block block, List<ChatChunk> out) {
    if (block == null || block.kind != Kind.WRAPPED_ANSWER) {
      return;
    }
    JsonNode input;
    try {
      input = block.buffer.isEmpty() ? Json.object() : Json.MAPPER.readTree(block.buffer.toString());
    } catch (IOException e) {
      throw new InternalServerException(
          "anthropic streamed a JSON-mode answer that is not JSON", AnthropicProvider.NAME, targetModel);
    }
    content(JsonMode.answer(block.name, input), out);
  }

  private void content(String text, List<ChatChunk> out) {
    if (!text.isEmpty()) {
      out.add(chunk(ChatMessage.builder().content(text).build(), null));
    }
  }

  private void reasoning(String text, List<ChatChunk> out) {
    if (!text.isEmpty()) {
      out.add(chunk(ChatMessage.builder().reasoningContent(text).build(), null));
    }
  }

  private ChatChunk chunk(ChatMessage delta, String finishReason) {
    return new ChatChunk(id, OBJECT, created, modelName(),
        List.of(ChatChunk.ChunkChoice.of(0, delta, finishReason)), null, null, null);
  }

  private String modelName() {
    return model != null ? model : targetModel;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
