package dev.tollgate.providers.anthropic.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.anthropic.AnthropicErrors;
import dev.tollgate.providers.anthropic.AnthropicUsage;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.sse.SseDecoder;
import dev.tollgate.providers.sse.SseEvent;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Relays an Anthropic deployment's own stream to an Anthropic-format client, event by event and unchanged (each
 * event re-framed from its {@code event:} name and {@code data:} text, so an event split across reads leaves whole),
 * while reading what the gateway needs: usage ({@code message_start}'s input and cache tokens, {@code message_delta}'s
 * output tokens), the stop reason, and the end ({@code message_stop}). An {@code error} event becomes the provider's
 * typed exception, which the gateway writes back as an Anthropic error event.
 */
public final class PassthroughStreamRelay implements MessagesStreamRelay {
  private final SseDecoder sse = new SseDecoder();
  private final String model;
  private final AnthropicUsage.Counts counts = new AnthropicUsage.Counts();
  private boolean sawUsage;
  private boolean sawFinish;
  private boolean done;

  /** @param model the deployment's model, named in errors */
  public PassthroughStreamRelay(String model) {
    this.model = model;
  }

  @Override
  public List<byte[]> feed(byte[] bytes) {
    List<SseEvent> events = sse.feed(bytes);
    List<byte[]> frames = new ArrayList<>(events.size());
    for (SseEvent event : events) {
      JsonNode data = parse(event.data());
      String type = event.event() != null ? event.event() : data.path("type").asText("");
      switch (type) {
        case "error" -> throw AnthropicErrors.fromErrorObject(data.path("error"), 500, model, null);
        case "message_start" -> {
          counts.update(data.path("message").path("usage"));
          sawUsage = true;
        }
        case "message_delta" -> {
          counts.update(data.path("usage"));
          sawUsage = true;
          sawFinish |= data.path("delta").hasNonNull("stop_reason");
        }
        case "message_stop" -> done = true;
        default -> { }
      }
      frames.add(AnthropicSse.frame(event.event(), event.data()));
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
    return sawUsage ? counts.toUsage() : null;
  }

  @Override
  public List<byte[]> finish() {
    return List.of();
  }

  private JsonNode parse(String data) {
    try {
      JsonNode node = Json.MAPPER.readTree(data);
      return node == null ? Json.object() : node;
    } catch (JsonProcessingException e) {
      throw new InternalServerException("anthropic sent a stream event that is not JSON: " + e.getOriginalMessage(),
          "anthropic", model);
    }
  }
}
