package dev.tollgate.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.sse.SseDecoder;
import dev.tollgate.providers.sse.SseEvent;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import dev.tollgate.providers.types.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Cohere's v2 chat stream (SSE; each event's JSON names its {@code type}) into OpenAI chunks:
 * <ul>
 *   <li>{@code message-start}: the first chunk, with {@code role: assistant} and the reply id;</li>
 *   <li>{@code content-delta}: text as {@code content}, thinking as {@code reasoning_content};</li>
 *   <li>{@code tool-plan-delta}: the plan text as {@code content} (as the non-streamed reply does);</li>
 *   <li>{@code tool-call-start}: a tool call's index, id and name; {@code tool-call-delta}: its argument pieces;</li>
 *   <li>{@code message-end}: a chunk with the finish reason, then a usage chunk ({@code choices: []}); a relay hides
 *       the latter from a client that did not ask for usage. ERROR and TIMEOUT ends are raised as errors.</li>
 * </ul>
 * Citation, content-start/end, tool-call-end and debug events carry nothing OpenAI has a place for.
 */
public final class CohereStreamDecoder implements ChatStreamDecoder {
  private final SseDecoder sse = new SseDecoder();
  private final String model;
  private final long created = Instant.now().getEpochSecond();
  private final Map<Integer, Integer> toolIndex = new HashMap<>();
  private String id;
  private int lastToolIndex = -1;
  private boolean started;
  private boolean done;

  public CohereStreamDecoder(String model) {
    this.model = model;
  }

  @Override
  public List<ChatChunk> feed(byte[] bytes) {
    List<ChatChunk> out = new ArrayList<>(2);
    for (SseEvent event : sse.feed(bytes)) {
      if (done) {
        break;
      }
      String data = event.data().strip();
      if (data.equals("[DONE]")) {
        done = true;
        break;
      }
      if (data.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(data.getBytes(StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new InternalServerException("cohere sent a stream event that is not JSON: " + abbreviate(data),
            CohereProvider.NAME, model);
      }
      String type = node.path("type").asText(event.event() == null ? "" : event.event());
      onEvent(type, node, out);
    }
    return out;
  }

  @Override
  public boolean isDone() {
    return done;
  }

  private void onEvent(String type, JsonNode node, List<ChatChunk> out) {
    JsonNode message = node.path("delta").path("message");
    switch (type) {
      case "message-start" -> {
        if (node.path("id").isTextual()) {
          id = node.get("id").asText();
        }
        start(out);
      }
      case "content-delta" -> {
        start(out);
        JsonNode content = message.path("content");
        if (content.path("thinking").isTextual()) {
          out.add(delta(ChatMessage.builder().reasoningContent(content.get("thinking").asText()).build(), null));
        }
        if (content.path("text").isTextual()) {
          out.add(delta(ChatMessage.builder().content(content.get("text").asText()).build(), null));
        }
      }
      case "tool-plan-delta" -> {
        start(out);
        if (message.path("tool_plan").isTextual()) {
          out.add(delta(ChatMessage.builder().content(message.get("tool_plan").asText()).build(), null));
        }
      }
      case "tool-call-start" -> {
        start(out);
        JsonNode call = message.path("tool_calls");
        int index = toolIndex.computeIfAbsent(node.path("index").asInt(toolIndex.size()), k -> toolIndex.size());
        lastToolIndex = index;
        String args = call.path("function").path("arguments").asText("");
        out.add(delta(ChatMessage.builder().toolCalls(List.of(new ToolCall(index, call.path("id").asText(null),
            "function", new ToolCall.FunctionCall(call.path("function").path("name").asText(null), args, null),
            null))).build(), null));
      }
      case "tool-call-delta" -> {
        start(out);
        Integer index = toolIndex.get(node.path("index").asInt(-1));
        String args = message.path("tool_calls").path("function").path("arguments").asText("");
        if (!args.isEmpty()) {
          out.add(delta(ChatMessage.builder().toolCalls(List.of(new ToolCall(
              index == null ? Math.max(lastToolIndex, 0) : index, null, null,
              new ToolCall.FunctionCall(null, args, null), null))).build(), null));
        }
      }
      case "message-end" -> {
        start(out);
        JsonNode delta = node.path("delta");
        String error = delta.path("error").isTextual() ? delta.get("error").asText() : null;
        String reason = delta.path("finish_reason").asText(null);
        if (error != null && (reason == null || reason.equals("ERROR"))) {
          throw new InternalServerException(error, CohereProvider.NAME, model);
        }
        out.add(delta(ChatMessage.builder().build(), CohereFinishReason.toOpenAi(reason, error, model)));
        Usage usage = CohereUsage.toOpenAi(delta.get("usage"));
        if (usage != null) {
          out.add(new ChatChunk(id, "chat.completion.chunk", created, model, List.of(), usage, null, null));
        }
        done = true;
      }
      default -> {
        // content-start/end, citation-start/end, tool-call-end, debug: nothing to relay
      }
    }
  }

  private void start(List<ChatChunk> out) {
    if (!started) {
      started = true;
      out.add(delta(ChatMessage.builder().role("assistant").content("").build(), null));
    }
  }

  private ChatChunk delta(ChatMessage delta, String finishReason) {
    return new ChatChunk(id, "chat.completion.chunk", created, model,
        List.of(ChatChunk.ChunkChoice.of(0, delta, finishReason)), null, null, null);
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
