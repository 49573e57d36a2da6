package dev.tollgate.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One request/response in flight: schedules its steps on its event loop's {@link Pacer} (never blocking the event
 * loop), notices the client going away, and keeps the fake's stream counters right. All methods run on the
 * connection's event loop.
 */
final class Exchange {
  /** How an exchange ended. */
  enum Outcome {
    COMPLETED,
    CANCELLED,
    BROKEN
  }

  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final StreamCounters counters;
  private final Pacer pacer;
  private boolean stream;
  private boolean finished;

  Exchange(Vertx vertx, HttpServerRequest request, StreamCounters counters) {
    this.request = request;
    this.response = request.response();
    this.counters = counters;
    this.pacer = Pacer.onThisLoop(vertx);
    if (pacer == null) {
      throw new IllegalStateException("an exchange starts on its connection's event loop");
    }
    response.exceptionHandler(ignored -> {});
    response.closeHandler(ignored -> clientGone());
  }

  HttpServerResponse response() {
    return response;
  }

  /** Marks this exchange as a stream: it counts in {@code activeStreams} until it finishes. */
  void beginStream() {
    if (!stream && !finished) {
      stream = true;
      counters.active.incrementAndGet();
    }
  }

  boolean isOpen() {
    return !finished;
  }

  /** Runs {@code step} after {@code delay} (at once when zero), unless the exchange has finished by then. */
  void after(Duration delay, Runnable step) {
    if (finished) {
      return;
    }
    if (delay.isZero()) {
      step.run();
      return;
    }
    pacer.schedule(delay.toNanos(), () -> {
      if (!finished) {
        step.run();
      }
    });
  }

  /** Sends a complete response with the given status, content type, extra headers and body. */
  void send(int status, String contentType, Map<String, String> headers, Buffer body) {
    if (finished) {
      return;
    }
    response.setStatusCode(status);
    response.putHeader("content-type", contentType);
    headers.forEach(response::putHeader);
    finish(Outcome.COMPLETED);
    response.end(body);
  }

  /** Ends a streamed response normally. */
  void endStream(Buffer last) {
    if (finished) {
      return;
    }
    finish(Outcome.COMPLETED);
    response.end(last);
  }

  /** Closes the TCP connection abruptly, without finishing the response. */
  void breakConnection() {
    if (finished) {
      return;
    }
    finish(Outcome.BROKEN);
    request.connection().close();
  }

  private void clientGone() {
    if (!finished) {
      finish(Outcome.CANCELLED);
    }
  }

  private void finish(Outcome outcome) {
    finished = true;
    if (stream) {
      counters.active.decrementAndGet();
      switch (outcome) {
        case COMPLETED -> counters.completed.incrementAndGet();
        case CANCELLED -> counters.cancelled.incrementAndGet();
        case BROKEN -> counters.broken.incrementAndGet();
      }
    }
  }
}
