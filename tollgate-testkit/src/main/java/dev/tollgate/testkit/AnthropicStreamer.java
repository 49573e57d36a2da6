package dev.tollgate.testkit;

import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes Anthropic's stream: each event as {@code event: <name>\ndata: <json>\n\n}, one write per event, a gap between
 * events, an optional abrupt break after some events, or an {@code event: error} after some events. The stream ends
 * after {@code message_stop} (Anthropic sends no {@code [DONE]}).
 */
final class AnthropicStreamer {
  private final Exchange exchange;
  private final List<AnthropicMessageBodies.Event> events;
  private final Duration gap;
  private final int breakAt;
  private final int errorAt;
  private final String errorBody;

  AnthropicStreamer(Exchange exchange, List<AnthropicMessageBodies.Event> events, Behavior behavior) {
    this.exchange = exchange;
    this.events = events;
    this.gap = behavior.streamGap();
    this.breakAt = behavior.breakAfter() < 0 ? -1 : Math.min(behavior.breakAfter(), events.size());
    this.errorBody = behavior.streamErrorBody();
    this.errorAt = behavior.streamErrorAfter() < 0 || errorBody == null
        ? -1
        : Math.min(behavior.streamErrorAfter(), events.size());
  }

  void start(Map<String, String> headers) {
    if (!exchange.isOpen()) {
      return;
    }
    HttpServerResponse response = exchange.response();
    response.setStatusCode(200);
    response.setChunked(true);
    response.putHeader("content-type", "text/event-stream; charset=utf-8");
    response.putHeader("cache-control", "no-cache");
    headers.forEach(response::putHeader);
    response.writeHead();
    writeFrom(0);
  }

  private void writeFrom(int index) {
    int i = index;
    while (exchange.isOpen()) {
      if (i == breakAt) {
        exchange.breakConnection();
        return;
      }
      if (i == errorAt) {
        exchange.endStream(Buffer.buffer("event: error\ndata: " + errorBody + "\n\n"));
        return;
      }
      AnthropicMessageBodies.Event event = events.get(i);
      i++;
      if (i == events.size()) {
        if (breakAt == events.size()) { // asked to break after more events than there are: cut before the end
          exchange.response().write(frame(event));
          exchange.breakConnection();
        } else {
          exchange.endStream(frame(event));
        }
        return;
      }
      exchange.response().write(frame(event));
      if (!gap.isZero()) {
        int next = i;
        exchange.after(gap, () -> writeFrom(next));
        return;
      }
    }
  }

  static Buffer frame(AnthropicMessageBodies.Event event) {
    return Buffer.buffer()
        .appendString("event: ").appendString(event.name()).appendString("\ndata: ")
        .appendBytes(Json.write(event.data())).appendString("\n\n");
  }
}
