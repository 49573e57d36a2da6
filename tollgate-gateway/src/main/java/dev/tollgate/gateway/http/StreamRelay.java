package dev.tollgate.gateway.http;

import dev.tollgate.core.router.CallLease;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.calls.PromptCapture;
import dev.tollgate.gateway.calls.StreamTokenEstimate;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Usage;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.gateway.guardrails.RewrittenStream;
import dev.tollgate.gateway.guardrails.StreamEndGate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.Supplier;

/**
 * Relays one upstream stream to the client as SSE (OpenAI's, or Anthropic's with {@link StreamFormat}), chunk by chunk as it arrives, with back-pressure (the
 * upstream is paused while the client's write queue is full). A client that goes away cancels the upstream call; an
 * upstream that breaks, stalls past the timeout, or ends early ends the client stream with an error event. A stream
 * that ends without usage is priced from a token count of the relayed text ({@link StreamTokenEstimate}). The router's
 * lease on the call ends with the stream: finished with its tokens, or abandoned when it broke or the client left
 * (by then the router's retries and fallbacks are over: they apply only until the stream starts). A relay that holds
 * back its end ({@link StreamEndGate}: remote post-call guardrails) is asked to release it once the upstream is
 * complete; the stream then ends as usual, or with the error event of the failure that cut it. A relay that rewrites
 * its frames ({@link RewrittenStream}: post-call masks) shows the upstream's frames apart: those are what the tap
 * (the cache) sees and the usage estimate counts, while the stored response is the text the client was sent.
 */
final class StreamRelay {
  private final Vertx vertx;
  private final HttpServerResponse out;
  private final VertxUpstream.OpenReply upstream;
  private final ChatStreamRelay relay;
  private final CallTarget target;
  private final CallRecord record;
  private final CallEnd end;
  private final Supplier<ChatRequest> request;
  private final CallLease lease;
  private final StreamFormat format;
  private final StreamTokenEstimate estimate = new StreamTokenEstimate();
  /** The text the client was sent, when the relay rewrites it (else {@link #estimate}'s text is that text). */
  private final StreamTokenEstimate sent;
  private long lastActivity = System.nanoTime();
  private long watchdog = -1;
  private boolean finished;
  private boolean ending;
  private StreamTap tap;

  /**
   * @param request the request as sent upstream, bound only when needed: its prompt is counted when the stream reports
   *     no usage
   */
  StreamRelay(Vertx vertx, HttpServerResponse out, VertxUpstream.OpenReply upstream, ChatStreamRelay relay,
      CallTarget target, CallRecord record, CallEnd end, Supplier<ChatRequest> request, CallLease lease) {
    this(vertx, out, upstream, relay, target, record, end, request, lease, StreamFormat.OPENAI);
  }

  /** @param format how the client's stream ends and reports a failure (OpenAI's or Anthropic's) */
  StreamRelay(Vertx vertx, HttpServerResponse out, VertxUpstream.OpenReply upstream, ChatStreamRelay relay,
      CallTarget target, CallRecord record, CallEnd end, Supplier<ChatRequest> request, CallLease lease,
      StreamFormat format) {
    this.format = format;
    this.request = request;
    this.lease = lease;
    this.record = record;
    this.end = end;
    this.vertx = vertx;
    this.out = out;
    this.upstream = upstream;
    this.relay = relay;
    this.target = target;
    this.sent = relay instanceof RewrittenStream r && r.rewrites() ? new StreamTokenEstimate() : null;
  }

  /** Shows every relayed frame, and the usage of a normally completed stream, to {@code tap} (null: none). */
  StreamRelay tap(StreamTap tap) {
    this.tap = tap;
    return this;
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
        if (lease != null) {
          lease.abandon();
        }
      }
      // this handler replaces the routing context's own close handler, so the record is completed here
      if (record != null) {
        record.usage(relay.usage());
        record.complete(out.getStatusCode(), !out.ended());
      }
    });
    HttpClientResponse in = upstream.response();
    in.handler(this::onBytes);
    in.exceptionHandler(e -> {
      if (!ending) { // once complete, the upstream connection is of no interest
        fail(new APIConnectionException(
            "the upstream stream broke: " + e.getMessage(), target.provider(), target.model(), e));
      }
    });
    in.endHandler(v -> onEnd());
    long idleMillis = Math.max(1000, target.timeout().toMillis());
    watchdog = vertx.setPeriodic(Math.min(1000, idleMillis), id -> {
      if (!finished && (System.nanoTime() - lastActivity) / 1_000_000 > idleMillis) {
        // fail first: the reset that cancel() causes must not be reported as the reason
        fail(new TimeoutException("the upstream stream sent nothing for " + idleMillis + " ms",
            target.provider(), target.model()));
        upstream.cancel();
      }
    });
    in.resume();
  }

  private void onBytes(Buffer buffer) {
    if (finished || ending) {
      return;
    }
    lastActivity = System.nanoTime();
    List<byte[]> frames;
    try {
      frames = relay.feed(buffer.getBytes());
    } catch (RuntimeException e) {
      fail(e); // before cancel(): the client gets the provider's error event, not the reset the cancel causes
      upstream.cancel();
      return;
    }
    write(frames);
    if (relay.isDone()) {
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
    if (relay.isDone() || relay.sawFinish()) {
      complete();
    } else {
      fail(new APIConnectionException("the upstream stream ended before it was complete",
          target.provider(), target.model()));
    }
  }

  private void write(List<byte[]> frames) {
    List<byte[]> upstreamFrames = sent == null ? frames : ((RewrittenStream) relay).takeUpstreamFrames();
    upstreamFrames.forEach(estimate::relayed);
    if (sent != null) {
      frames.forEach(sent::relayed);
    }
    if (tap != null) {
      upstreamFrames.forEach(tap::frame);
    }
    if (frames.size() == 1) {
      out.write(wrap(frames.get(0)));
    } else if (!frames.isEmpty()) {
      Buffer batch = Buffer.buffer();
      frames.forEach(batch::appendBytes);
      out.write(batch);
    }
  }

  /**
   * The frame as a Vert.x buffer without copying it ({@code Buffer.buffer(byte[])} copies): a frame is never changed
   * once a relay returned it.
   */
  private static Buffer wrap(byte[] frame) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(frame));
  }

  /** The upstream is complete: end the client stream, once a relay that holds back its end has released it. */
  private void complete() {
    if (finished || ending) {
      return;
    }
    if (relay instanceof StreamEndGate gate && gate.gatesEnd()) {
      ending = true;
      stopWatchdog();
      Future<List<byte[]>> released;
      try {
        released = gate.release();
      } catch (RuntimeException e) {
        released = Future.failedFuture(e);
      }
      released.onComplete(done -> {
        if (finished) {
          return; // the client went away meanwhile
        }
        if (done.failed()) {
          fail(done.cause());
          return;
        }
        write(done.result());
        end();
      });
      return;
    }
    end();
  }

  private void end() {
    if (finished) {
      return;
    }
    finished = true;
    stopWatchdog();
    Usage usage = relay.usage();
    if (usage == null) { // the upstream sent no usage: count the relayed text, so spend and tpm are not zero
      usage = estimate.estimate(sentRequest());
      if (record != null) {
        record.usageEstimated = true;
      }
    }
    if (record != null && record.storePrompts) {
      record.response = PromptCapture.streamed(target.model(), (sent != null ? sent : estimate).completionText());
    }
    Leases.finish(lease, usage);
    end.success(out, record, usage);
    out.end(format.end());
    if (tap != null) {
      tap.completed(usage);
    }
  }

  private void fail(Throwable error) {
    if (finished) {
      return;
    }
    finished = true;
    stopWatchdog();
    if (lease != null) {
      lease.abandon();
    }
    CallEnd.failed(record, error);
    if (!out.closed()) {
      out.end(format.error(error));
    }
  }

  private void stopWatchdog() {
    if (watchdog >= 0) {
      vertx.cancelTimer(watchdog);
      watchdog = -1;
    }
  }

  /** The request as sent, for counting its prompt; null when it cannot be bound (the prompt then counts as zero). */
  private ChatRequest sentRequest() {
    try {
      return request == null ? null : request.get();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
