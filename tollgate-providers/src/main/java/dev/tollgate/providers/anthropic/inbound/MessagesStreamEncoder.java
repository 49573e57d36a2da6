package dev.tollgate.providers.anthropic.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import dev.tollgate.providers.types.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a stream of OpenAI chunks into Anthropic's SSE event sequence, as Anthropic sends it: {@code message_start};
 * then per content block {@code content_block_start}, its deltas ({@code thinking_delta} for
 * {@code reasoning_content}, {@code text_delta} for content, {@code input_json_delta} for tool-call argument
 * fragments) and {@code content_block_stop}; and, from {@link #finish}, {@code message_delta} (stop reason and usage)
 * and {@code message_stop}. A block closes when another kind of delta (or another tool call) begins. Stateful, one per
 * stream; pure.
 *
 * <p>OpenAI reports usage in a last chunk after the finish reason, so the message-level events wait for
 * {@link #finish}, called once the upstream stream is complete. Tool calls are expected one after another, as
 * providers stream them; argument fragments of a call whose block is already closed are dropped.
 */
public final class MessagesStreamEncoder {
  private enum Block { NONE, TEXT, THINKING, TOOL }

  private final String model;
  private final String id;
  private boolean started;
  private boolean finished;
  private Block open = Block.NONE;
  private int openToolIndex = -1;
  private int lastToolIndex = -1;
  private int blocks;
  private String finishReason;
  private Usage usage;

  /**
   * @param model the model named in {@code message_start} when the chunks name none
   * @param id the message id, {@code msg_...}
   */
  public MessagesStreamEncoder(String model, String id) {
    this.model = model;
    this.id = id;
  }

  /** The events one chunk adds, as SSE frames. */
  public List<byte[]> accept(ChatChunk chunk) {
    List<byte[]> out = new ArrayList<>(3);
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
    if (!started) {
      start(chunk, out);
    }
    for (ChatChunk.ChunkChoice choice : chunk.choices()) {
      if (choice.index() != null && choice.index() != 0) {
        continue;
      }
      ChatMessage delta = choice.delta();
      if (delta != null) {
        delta(delta, out);
      }
      if (choice.finishReason() != null) {
        finishReason = choice.finishReason();
        close(out);
      }
    }
    return out;
  }

  /** True once a chunk carried a finish reason. */
  public boolean sawFinish() {
    return finishReason != null;
  }

  /** The last OpenAI usage the chunks carried, or null. */
  public Usage usage() {
    return usage;
  }

  /** The closing events: the open block's stop, {@code message_delta} and {@code message_stop}; once. */
  public List<byte[]> finish() {
    List<byte[]> out = new ArrayList<>(4);
    if (finished) {
      return out;
    }
    finished = true;
    if (!started) {
      start(null, out);
    }
    close(out);
    ObjectNode delta = Json.object().put("type", "message_delta");
    delta.putObject("delta").put("stop_reason", ChatToMessage.stopReason(finishReason)).putNull("stop_sequence");
    delta.set("usage", MessagesUsage.toAnthropic(usage));
    out.add(AnthropicSse.frame("message_delta", delta));
    out.add(AnthropicSse.frame("message_stop", Json.object().put("type", "message_stop")));
    return out;
  }

  private void start(ChatChunk first, List<byte[]> out) {
    started = true;
    ObjectNode event = Json.object().put("type", "message_start");
    ObjectNode message = event.putObject("message");
    message.put("id", id);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", first != null && first.model() != null ? first.model() : model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    ObjectNode startUsage = MessagesUsage.toAnthropic(usage);
    startUsage.put("output_tokens", 0);
    message.set("usage", startUsage);
    out.add(AnthropicSse.frame("message_start", event));
  }

  private void delta(ChatMessage delta, List<byte[]> out) {
    String thinking = delta.reasoningContent();
    if (thinking != null && !thinking.isEmpty()) {
      openIf(Block.THINKING, -1, out);
      ObjectNode d = Json.object().put("type", "thinking_delta").put("thinking", thinking);
      out.add(blockDelta(d));
    }
    String text = delta.content() != null && delta.content().isTextual() ? delta.content().asText() : null;
    if (text != null && !text.isEmpty()) {
      openIf(Block.TEXT, -1, out);
      out.add(blockDelta(Json.object().put("type", "text_delta").put("text", text)));
    }
    if (delta.toolCalls() != null) {
      for (ToolCall call : delta.toolCalls()) {
        tool(call, out);
      }
    }
  }

  private void tool(ToolCall call, List<byte[]> out) {
    int index = call.index() == null ? 0 : call.index();
    boolean opens = open != Block.TOOL || openToolIndex != index; // same index: the same call, id repeated or not
    if (opens && call.id() == null && index <= lastToolIndex) {
      return; // a fragment of a call whose block is already closed
    }
    if (opens) {
      close(out);
      ObjectNode start = Json.object().put("type", "content_block_start").put("index", blocks);
      ObjectNode block = start.putObject("content_block").put("type", "tool_use");
      block.put("id", call.id() != null ? call.id() : "toolu_" + dev.tollgate.providers.Ids.uuid().replace("-", ""));
      block.put("name", call.function() == null || call.function().name() == null ? "" : call.function().name());
      block.putObject("input");
      out.add(AnthropicSse.frame("content_block_start", start));
      open = Block.TOOL;
      openToolIndex = index;
      lastToolIndex = Math.max(lastToolIndex, index);
    }
    String arguments = call.function() == null ? null : call.function().arguments();
    if (arguments != null && !arguments.isEmpty()) {
      out.add(blockDelta(Json.object().put("type", "input_json_delta").put("partial_json", arguments)));
    }
  }

  private void openIf(Block kind, int toolIndex, List<byte[]> out) {
    if (open == kind) {
      return;
    }
    close(out);
    ObjectNode start = Json.object().put("type", "content_block_start").put("index", blocks);
    ObjectNode block = start.putObject("content_block");
    if (kind == Block.TEXT) {
      block.put("type", "text").put("text", "");
    } else {
      block.put("type", "thinking").put("thinking", "").put("signature", "");
    }
    out.add(AnthropicSse.frame("content_block_start", start));
    open = kind;
    openToolIndex = toolIndex;
  }

  private byte[] blockDelta(ObjectNode delta) {
    ObjectNode event = Json.object().put("type", "content_block_delta").put("index", blocks);
    event.set("delta", delta);
    return AnthropicSse.frame("content_block_delta", event);
  }

  private void close(List<byte[]> out) {
    if (open == Block.NONE) {
      return;
    }
    out.add(AnthropicSse.frame("content_block_stop",
        Json.object().put("type", "content_block_stop").put("index", blocks)));
    blocks++;
    open = Block.NONE;
  }
}
