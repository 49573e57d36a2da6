package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;

/**
 * Writes a list of chunks as server-sent events ({@code data: <json>\n\n}, then {@code data: [DONE]\n\n}) with chunked
 * transfer, one write (and flush) per event, a gap between events, and an optional abrupt break.
 */
final class SseStreamer {
  static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

  private final Exchange exchange;
  private final List<ObjectNode> chunks;
  private final Duration gap;
  private final int breakAt;
  private final int errorAt;
  private final String errorBody;

  /**
   * @param breakAfter events to send before cutting the connection, or negative for a complete stream
   */
  SseStreamer(Exchange exchange, List<ObjectNode> chunks, Duration gap, int breakAfter) {
    this(exchange, chunks, gap, breakAfter, -1, null);
  }

  /**
   * @param errorAfter events to send before the error event {@code data: <errorBody>} ends the stream, or negative
   */
  SseStreamer(Exchange exchange, List<ObjectNode> chunks, Duration gap, int breakAfter, int errorAfter,
      String errorBody) {
    this.exchange = exchange;
    this.chunks = chunks;
    this.gap = gap;
    this.breakAt = breakAfter < 0 ? -1 : Math.min(breakAfter, chunks.size());
    this.errorAt = errorAfter < 0 || errorBody == null ? -1 : Math.min(errorAfter, chunks.size());
    this.errorBody = errorBody;
  }

  /** Sends the status line and headers, then the events. */
  void start(java.util.Map<String, String> headers) {
    if (!exchange.isOpen()) {
      return;
    }
    HttpServerResponse response = exchange.response();
    response.setStatusCode(200);
    response.setChunked(true);
    response.putHeader("content-type", "text/event-stream");
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
        exchange.endStream(Buffer.buffer("data: " + errorBody + "\n\n"));
        return;
      }
      if (i == chunks.size()) {
        exchange.endStream(DONE);
        return;
      }
      exchange.response().write(event(chunks.get(i)));
      i++;
      if (!gap.isZero()) {
        int next = i;
        exchange.after(gap, () -> writeFrom(next));
        return;
      }
    }
  }

  static Buffer event(ObjectNode chunk) {
    Buffer buffer = Buffer.buffer();
    buffer.appendString("data: ");
    buffer.appendBytes(Json.write(chunk));
    buffer.appendString("\n\n");
    return buffer;
  }
}
