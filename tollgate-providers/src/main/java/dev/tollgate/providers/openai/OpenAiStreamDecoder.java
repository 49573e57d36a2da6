package dev.tollgate.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.error.ErrorMapping;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.sse.SseDecoder;
import dev.tollgate.providers.sse.SseEvent;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes an OpenAI-format SSE stream: {@code data: <chunk json>} events ending with {@code data: [DONE]}. */
public final class OpenAiStreamDecoder implements ChatStreamDecoder {
  private final SseDecoder sse = new SseDecoder();
  private final String provider;
  private final String model;
  private boolean done;

  public OpenAiStreamDecoder(String provider, String model) {
    this.provider = provider;
    this.model = model;
  }

  @Override
  public List<ChatChunk> feed(byte[] bytes) {
    List<SseEvent> events = sse.feed(bytes);
    List<ChatChunk> chunks = new ArrayList<>(events.size());
    for (SseEvent event : events) {
      if (done) {
        break;
      }
      String data = event.data();
      if ("[DONE]".equals(data.strip())) {
        done = true;
        continue;
      }
      chunks.add(toChunk(data));
    }
    return chunks;
  }

  @Override
  public boolean isDone() {
    return done;
  }

  private ChatChunk toChunk(String data) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(data);
    } catch (IOException e) {
      throw new InternalServerException(
          provider + " sent a stream event that is not JSON: " + abbreviate(data), provider, model);
    }
    if (node.has("error")) {
      JsonNode error = node.get("error");
      int status = error.path("code").canConvertToInt() ? error.path("code").asInt() : 500;
      throw ErrorMapping.fromStatus(
          status < 400 ? 500 : status,
          ErrorMapping.messageOf(data.getBytes(StandardCharsets.UTF_8)),
          provider,
          model,
          null);
    }
    return Json.convert(node, ChatChunk.class);
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
