package dev.tollgate.gateway.http;

import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Relays one upstream stream to the client as OpenAI SSE, chunk by chunk as it arrives, with back-pressure (the
 * upstream is paused while the client's write queue is full). A client that goes away cancels the upstream call; an
 * upstream that breaks, stalls past the timeout, or ends early ends the client stream with an error event.
 */
final class StreamRelay {
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
  private final Vertx vertx;
  private final HttpServerResponse out;
  private final VertxUpstream.OpenReply upstream;
  private final ChatStreamDecoder decoder;
  private final CallTarget target;
  private long lastActivity = System.nanoTime();
  private long watchdog = -1;
  private boolean sawFinish;
  private boolean finished;

  StreamRelay(Vertx vertx, HttpServerResponse out, VertxUpstream.OpenReply upstream, ChatStreamDecoder decoder,
      CallTarget target) {
    this.vertx = vertx;
    this.out = out;
    this.upstream = upstream;
    this.decoder = decoder;
    this.target = target;
  }

  /** Writes the SSE head and starts relaying. */
  void start() {
    upstream.cancelTimer();
    out.setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no");
    out.closeHandler(v -> {
      if (!finished) {
        finished = true;
        stopWatchdog();
        upstream.cancel();
      }
    });
    HttpClientResponse in = upstream.response();
    in.handler(this::onBytes);
    in.exceptionHandler(e -> fail(new APIConnectionException(
        "the upstream stream broke: " + e.getMessage(), target.provider(), target.model(), e)));
    in.endHandler(v -> onEnd());
    long idleMillis = Math.max(1000, target.timeout().toMillis());
    watchdog = vertx.setPeriodic(Math.min(1000, idleMillis), id -> {
      if (!finished && (System.nanoTime() - lastActivity) / 1_000_000 > idleMillis) {
        upstream.cancel();
        fail(new TimeoutException("the upstream stream sent nothing for " + idleMillis + " ms",
            target.provider(), target.model()));
      }
    });
    in.resume();
  }

  private void onBytes(Buffer buffer) {
    if (finished) {
      return;
    }
    lastActivity = System.nanoTime();
    List<ChatChunk> chunks;
    try {
      chunks = decoder.feed(buffer.getBytes());
    } catch (RuntimeException e) {
      upstream.cancel();
      fail(e);
      return;
    }
    for (ChatChunk chunk : chunks) {
      if (!sawFinish && chunk.choices().stream().anyMatch(c -> c.finishReason() != null)) {
        sawFinish = true;
      }
      Buffer event = Buffer.buffer(chunk.choices().size() + 256);
      event.appendString("data: ").appendBytes(Json.write(chunk)).appendString("\n\n");
      out.write(event);
    }
    if (decoder.isDone()) {
      complete();
      return;
    }
    if (out.writeQueueFull()) {
      upstream.response().pause();
      out.drainHandler(v -> {
        if (!finished) {
          upstream.response().resume();
        }
      });
    }
  }

  private void onEnd() {
    if (finished) {
      return;
    }
    if (decoder.isDone() || sawFinish) {
      complete();
    } else {
      fail(new APIConnectionException("the upstream stream ended before it was complete",
          target.provider(), target.model()));
    }
  }

  private void complete() {
    if (finished) {
      return;
    }
    finished = true;
    stopWatchdog();
    out.end(DONE);
  }

  private void fail(Throwable error) {
    if (finished) {
      return;
    }
    finished = true;
    stopWatchdog();
    if (!out.closed()) {
      out.end(ErrorResponses.streamEvent(error));
    }
  }

  private void stopWatchdog() {
    if (watchdog >= 0) {
      vertx.cancelTimer(watchdog);
      watchdog = -1;
    }
  }
}
