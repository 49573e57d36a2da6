package dev.tollgate.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Ids;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.ndjson.NdjsonDecoder;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Ollama's NDJSON chat stream: each line a partial message ({@code content} and {@code thinking} pieces, or
 * whole tool calls), the last with {@code done: true}, the done reason and the eval counts. Gives OpenAI chunks: a
 * first chunk with the role, content / reasoning_content deltas, each tool call in one delta (index, generated id,
 * name and all its arguments, as Ollama sends calls whole), a finish chunk, then a usage chunk ({@code choices: []})
 * that a relay hides from clients that did not ask for usage. An {@code {"error": ...}} line is raised.
 */
public final class OllamaStreamDecoder implements ChatStreamDecoder {
  private final NdjsonDecoder lines = new NdjsonDecoder();
  private final String provider;
  private final String model;
  private final String id = "chatcmpl-" + Ids.uuid();
  private Long created;
  private int toolCalls;
  private boolean started;
  private boolean done;

  public OllamaStreamDecoder(String provider, String model) {
    this.provider = provider;
    this.model = model;
  }

  @Override
  public List<ChatChunk> feed(byte[] bytes) {
    List<ChatChunk> out = new ArrayList<>(2);
    for (String line : lines.feed(bytes)) {
      if (done) {
        break;
      }
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(line.getBytes(StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new InternalServerException(provider + " sent a stream line that is not JSON: " + abbreviate(line),
            provider, model);
      }
      onLine(node, out);
    }
    return out;
  }

  @Override
  public boolean isDone() {
    return done;
  }

  private void onLine(JsonNode node, List<ChatChunk> out) {
    if (node.path("error").isTextual()) {
      throw OllamaErrors.inStream(node.get("error").asText(), provider, model);
    }
    if (created == null) {
      created = OllamaChatReply.created(node);
    }
    if (!started) {
      started = true;
      out.add(chunk(ChatMessage.builder().role("assistant").content("").build(), null));
    }
    JsonNode message = node.path("message");
    String thinking = message.path("thinking").asText("");
    if (!thinking.isEmpty()) {
      out.add(chunk(ChatMessage.builder().reasoningContent(thinking).build(), null));
    }
    String content = message.path("content").asText("");
    if (!content.isEmpty()) {
      out.add(chunk(ChatMessage.builder().content(content).build(), null));
    }
    if (message.path("tool_calls").isArray() && !message.get("tool_calls").isEmpty()) {
      List<ToolCall> calls = OllamaToolCalls.toOpenAi(message.get("tool_calls"), toolCalls, true);
      toolCalls += calls.size();
      out.add(chunk(ChatMessage.builder().toolCalls(calls).build(), null));
    }
    if (node.path("done").asBoolean(false)) {
      done = true;
      out.add(chunk(ChatMessage.builder().build(),
          OllamaChatReply.finishReason(node.path("done_reason").asText(null), toolCalls > 0)));
      var usage = OllamaUsage.toOpenAi(node);
      if (usage != null) {
        out.add(new ChatChunk(id, "chat.completion.chunk", created, model, List.of(), usage, null, null));
      }
    }
  }

  private ChatChunk chunk(ChatMessage delta, String finishReason) {
    return new ChatChunk(id, "chat.completion.chunk", created, model,
        List.of(ChatChunk.ChunkChoice.of(0, delta, finishReason)), null, null, null);
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
