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
  private final int exceptionAt;
  private final Buffer exception;

  /**
   * @param exceptionAfter events before an exception frame that ends the stream, or negative for none
   * @param exception that frame (ignored when {@code exceptionAfter} is negative)
   */
  BedrockEventStreamer(Exchange exchange, List<BedrockBodies.Event> events, Duration gap, int breakAfter,
      int exceptionAfter, Buffer exception) {
    this.exchange = exchange;
    this.events = events;
    this.gap = gap;
    this.breakAt = breakAfter < 0 ? -1 : Math.min(breakAfter, events.size());
    this.exceptionAt = exceptionAfter < 0 ? -1 : Math.min(exceptionAfter, events.size());
    this.exception = exception;
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
      if (i == exceptionAt) {
        exchange.endStream(exception);
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
    return encode(headers, Json.write(event.payload()));
  }

  /** An exception frame: {@code :exception-type} and a {@code {"message"}} payload. */
  static Buffer exceptionFrame(String exceptionType, String message) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":exception-type", HeaderValue.fromString(exceptionType));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("exception"));
    return encode(headers, BedrockError.body(message).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Buffer encode(Map<String, HeaderValue> headers, byte[] payload) {
    ByteBuffer bytes = new Message(headers, payload).toByteBuffer();
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    return Buffer.buffer(out);
  }
}
