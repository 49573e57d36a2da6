package dev.tollgate.testkit;

import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Writes ConverseStream events as AWS event-stream frames ({@code application/vnd.amazon.eventstream}, framed and
 * checksummed by AWS's own encoder), one write per frame, with the behaviour's gap and optional abrupt break.
 */
final class BedrockEventStreamer {
  static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
  private final Exchange exchange;
  private final List<BedrockBodies.Event> events;
  private final Duration gap;
  private final int breakAt;

  BedrockEventStreamer(Exchange exchange, List<BedrockBodies.Event> events, Duration gap, int breakAfter) {
    this.exchange = exchange;
    this.events = events;
    this.gap = gap;
    this.breakAt = breakAfter < 0 ? -1 : Math.min(breakAfter, events.size());
  }

  void start(Map<String, String> headers) {
    if (!exchange.isOpen()) {
      return;
    }
    HttpServerResponse response = exchange.response();
    response.setStatusCode(200);
    response.setChunked(true);
    response.putHeader("content-type", CONTENT_TYPE);
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
      if (i == events.size()) {
        exchange.endStream(Buffer.buffer());
        return;
      }
      exchange.response().write(frame(events.get(i)));
      i++;
      if (!gap.isZero()) {
        int next = i;
        exchange.after(gap, () -> writeFrom(next));
        return;
      }
    }
  }

  static Buffer frame(BedrockBodies.Event event) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(event.type()));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    ByteBuffer bytes = new Message(headers, Json.write(event.payload())).toByteBuffer();
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    return Buffer.buffer(out);
  }
}
