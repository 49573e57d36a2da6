package dev.tollgate.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes pre-encoded stream frames (SSE events with {@code event:} lines, NDJSON lines, ...) with chunked transfer,
 * one write per frame, a gap between frames and an optional abrupt break: the wire-format-neutral twin of
 * {@link SseStreamer} for the fakes of providers with their own stream format.
 */
final class FrameStreamer {
  private final Exchange exchange;
  private final List<Buffer> frames;
  private final Buffer last;
  private final String contentType;
  private final Duration gap;
  private final int breakAt;

  /**
   * @param last written when the frames are done (e.g. {@code data: [DONE]}), or null to just end
   * @param breakAfter frames to send before cutting the connection, or negative for a complete stream
   */
  FrameStreamer(Exchange exchange, List<Buffer> frames, Buffer last, String contentType, Duration gap,
      int breakAfter) {
    this.exchange = exchange;
    this.frames = frames;
    this.last = last;
    this.contentType = contentType;
    this.gap = gap;
    this.breakAt = breakAfter < 0 ? -1 : Math.min(breakAfter, frames.size());
  }

  void start(Map<String, String> headers) {
    if (!exchange.isOpen()) {
      return;
    }
    HttpServerResponse response = exchange.response();
    response.setStatusCode(200);
    response.setChunked(true);
    response.putHeader("content-type", contentType);
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
      if (i == frames.size()) {
        exchange.endStream(last == null ? Buffer.buffer() : last);
        return;
      }
      exchange.response().write(frames.get(i));
      i++;
      if (!gap.isZero()) {
        int next = i;
        exchange.after(gap, () -> writeFrom(next));
        return;
      }
    }
  }
}
