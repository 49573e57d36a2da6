package dev.tollgate.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import dev.tollgate.providers.spi.TranslatingStreamRelay;
import dev.tollgate.providers.sse.SseDecoder;
import dev.tollgate.providers.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay for OpenAI-format streams: each upstream event's data goes to the client unchanged, without parsing its
 * JSON. Only an event that carries an {@code "error"} is parsed, to raise the typed error; the end marker and finish
 * reasons are found by scanning.
 */
final class OpenAiStreamPassthrough implements ChatStreamRelay {
  private final SseDecoder sse = new SseDecoder();
  private final String provider;
  private final String model;
  private boolean done;
  private boolean sawFinish;
  private boolean hideUsageChunk;
  private Usage usage;

  OpenAiStreamPassthrough(String provider, String model) {
    this.provider = provider;
    this.model = model;
  }

  @Override
  public List<byte[]> feed(byte[] bytes) {
    List<SseEvent> events = sse.feed(bytes);
    List<byte[]> frames = new ArrayList<>(events.size());
    for (SseEvent event : events) {
      if (done) {
        break;
      }
      String data = event.data();
      if ("[DONE]".equals(data.strip())) {
        done = true;
        continue;
      }
      if (data.contains("\"error\"")) {
        // Parses and throws the typed error when the event is an error object; a chunk that merely mentions the
        // word is decoded like any other.
        new OpenAiStreamDecoder(provider, model).feed(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
      }
      if (!sawFinish && hasFinishReason(data)) {
        sawFinish = true;
      }
      if (hasUsageObject(data)) {
        // Only the event that carries a usage object is parsed (usually the last one); the rest pass as bytes.
        JsonNode parsed;
        try {
          parsed = Json.tree(data.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException malformed) {
          parsed = Json.object();
        }
        JsonNode u = parsed.get("usage");
        if (u != null && u.isObject()) {
          usage = Json.convert(u, Usage.class);
        }
        JsonNode choices = parsed.get("choices");
        if (hideUsageChunk && (choices == null || (choices.isArray() && choices.isEmpty()))) {
          continue;
        }
      }
      frames.add(TranslatingStreamRelay.frame(data.getBytes(StandardCharsets.UTF_8)));
    }
    return frames;
  }

  @Override
  public boolean isDone() {
    return done;
  }

  @Override
  public boolean sawFinish() {
    return sawFinish;
  }

  @Override
  public Usage usage() {
    return usage;
  }

  @Override
  public void hideUsageChunk() {
    hideUsageChunk = true;
  }

  /** True when the event has a {@code "usage"} key whose value is an object (not null). */
  static boolean hasUsageObject(String data) {
    int from = 0;
    while (true) {
      int at = data.indexOf("\"usage\"", from);
      if (at < 0) {
        return false;
      }
      int i = at + "\"usage\"".length();
      while (i < data.length() && (data.charAt(i) == ' ' || data.charAt(i) == ':' || data.charAt(i) == '\t')) {
        i++;
      }
      if (i < data.length() && data.charAt(i) == '{') {
        return true;
      }
      from = i;
    }
  }

  /** True when some {@code "finish_reason"} in the event has a string value (not null). */
  static boolean hasFinishReason(String data) {
    int from = 0;
    while (true) {
      int at = data.indexOf("\"finish_reason\"", from);
      if (at < 0) {
        return false;
      }
      int i = at + "\"finish_reason\"".length();
      while (i < data.length() && (data.charAt(i) == ' ' || data.charAt(i) == ':' || data.charAt(i) == '\t')) {
        i++;
      }
      if (i < data.length() && data.charAt(i) == '"') {
        return true;
      }
      from = i;
    }
  }
}
