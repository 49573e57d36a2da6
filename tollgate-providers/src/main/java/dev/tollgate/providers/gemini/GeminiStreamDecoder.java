package dev.tollgate.providers.gemini;

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
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes {@code streamGenerateContent?alt=sse}: each {@code data:} event is a whole GenerateContentResponse holding
 * only new parts. Every candidate becomes a choice: its first chunk carries the role, text parts are content deltas,
 * thought parts reasoning_content deltas, and each functionCall (which Gemini sends whole) one complete tool-call
 * delta with the next index. A finish reason gets its own chunk ({@code tool_calls} when the candidate made a call in
 * any earlier event). Once every candidate has finished, one usage chunk ({@code "choices": []}) follows, from the
 * latest cumulative usageMetadata. Gemini's stream has no end marker, so {@link #isDone()} stays false and the end
 * of the body ends the stream (complete when a finish reason was seen).
 */
public final class GeminiStreamDecoder implements ChatStreamDecoder {
  private static final String OBJECT = "chat.completion.chunk";
  private final SseDecoder sse = new SseDecoder();
  private final String provider;
  private final String model;
  private final long created = System.currentTimeMillis() / 1000;
  private final Set<Integer> roleSent = new HashSet<>();
  private final Map<Integer, Integer> toolCounts = new HashMap<>();
  private final Set<Integer> finished = new HashSet<>();
  private String id;
  private String modelVersion;
  private Usage usage;
  private boolean usageSent;

  public GeminiStreamDecoder(String provider, String model) {
    this.provider = provider;
    this.model = model;
  }

  @Override
  public List<ChatChunk> feed(byte[] bytes) {
    List<ChatChunk> out = new ArrayList<>();
    for (SseEvent event : sse.feed(bytes)) {
      onEvent(event.data(), out);
    }
    return out;
  }

  @Override
  public boolean isDone() {
    return false;
  }

  private void onEvent(String data, List<ChatChunk> out) {
    if (data.isBlank()) {
      return;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(data);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw new InternalServerException(provider + " sent a stream event that is not a JSON object: "
          + (data.length() > 200 ? data.substring(0, 200) + "..." : data), provider, model);
    }
    if (root.has("error")) {
      throw GeminiErrors.fromStreamError(root.get("error"), provider, model);
    }
    if (id == null) {
      id = GeminiResponses.id(root);
    }
    if (root.hasNonNull("modelVersion")) {
      modelVersion = root.get("modelVersion").asText();
    }
    JsonNode candidates = root.path("candidates");
    if (candidates.isEmpty() && root.path("promptFeedback").hasNonNull("blockReason")) {
      throw GeminiErrors.blocked(root.get("promptFeedback"), provider, model);
    }
    Usage latest = GeminiUsage.toOpenAi(root.get("usageMetadata"));
    if (latest != null) {
      usage = latest;
    }
    for (JsonNode candidate : candidates) {
      candidate(candidate, out);
    }
    if (!usageSent && usage != null && !finished.isEmpty() && finished.containsAll(roleSent)) {
      usageSent = true;
      out.add(new ChatChunk(id, OBJECT, created, model(), List.of(), usage, null, null));
    }
  }

  private void candidate(JsonNode candidate, List<ChatChunk> out) {
    int index = candidate.path("index").asInt(0);
    CandidateParts parts = CandidateParts.of(candidate);
    ChatMessage.Builder delta = ChatMessage.builder();
    boolean any = false;
    if (roleSent.add(index)) {
      delta.role("assistant");
      any = true;
    }
    if (parts.text() != null && !parts.text().isEmpty()) {
      delta.content(parts.text());
      any = true;
    }
    if (parts.reasoning() != null && !parts.reasoning().isEmpty()) {
      delta.reasoningContent(parts.reasoning());
      any = true;
    }
    if (!parts.toolCalls().isEmpty()) {
      List<ToolCall> calls = new ArrayList<>();
      for (ToolCall call : parts.toolCalls()) {
        int next = toolCounts.merge(index, 1, Integer::sum) - 1;
        calls.add(new ToolCall(next, call.id(), call.type(), call.function(), null));
      }
      delta.toolCalls(calls);
      any = true;
    }
    if (any) {
      out.add(chunk(index, delta.build(), null));
    }
    String reason = candidate.path("finishReason").asText(null);
    if (reason != null && finished.add(index)) {
      String finish = GeminiFinishReasons.toOpenAi(reason, toolCounts.getOrDefault(index, 0) > 0);
      out.add(chunk(index, ChatMessage.builder().build(), finish));
    }
  }

  private ChatChunk chunk(int index, ChatMessage delta, String finishReason) {
    return new ChatChunk(id, OBJECT, created, model(), List.of(ChatChunk.ChunkChoice.of(index, delta, finishReason)),
        null, null, null);
  }

  private String model() {
    return modelVersion != null ? modelVersion : model;
  }
}
