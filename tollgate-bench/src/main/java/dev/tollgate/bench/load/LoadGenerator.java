package dev.tollgate.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The load generator: Vert.x's non-blocking HTTP/1.1 client with keep-alive, on ONE event loop of its own. Every
 * callback runs on that loop, so the histograms need no locking. Every loop here is bounded in count and time.
 */
public final class LoadGenerator implements AutoCloseable {
  /** Where requests go: host, port, path, headers and the request body. */
  public record Endpoint(String host, int port, String path, Map<String, String> headers, byte[] body) {}

  /** A closed-loop run: successful replies, errors and the seconds it took. */
  public record ClosedRun(long ok, long errors, double seconds) {
    public double perSecond() {
      return seconds > 0 ? ok / seconds : Double.NaN;
    }
  }

  private static final long REQUEST_IDLE_TIMEOUT_MS = 10_000;
  private static final long STREAM_IDLE_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private volatile String lastErrors = "{}";

  /** Error kinds and counts of the last open-loop run, e.g. {@code {HTTP 503=4}}. */
  public String lastErrors() {
    return lastErrors;
  }

  public LoadGenerator() {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setPreferNativeTransport(true));
  }

  private HttpClientAgent client(int poolSize) {
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setPipelining(false)
        .setConnectTimeout(5_000)
        // Below the shortest server idle timeout among the targets (Node's 5 s): a pooled connection the server
        // already closed would otherwise be reused and fail with a reset, counted against the target.
        .setKeepAliveTimeout(4);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(-1);
    return vertx.httpClientBuilder().with(options).with(pool).build();
  }

  private static RequestOptions request(Endpoint e, long idleTimeoutMs) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost(e.host()).setPort(e.port())
        .setURI(e.path()).setIdleTimeout(idleTimeoutMs).putHeader("content-type", "application/json");
    e.headers().forEach(o::putHeader);
    return o;
  }

  /** Sends one request and waits for the reply: status and body (for readiness checks and verification). */
  public Reply once(Endpoint e, Duration timeout) {
    HttpClientAgent c = client(1);
    try {
      CompletableFuture<Reply> f = c.request(request(e, timeout.toMillis()))
          .compose(req -> req.send(Buffer.buffer(e.body())))
          .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b.toString())))
          .toCompletionStage().toCompletableFuture();
      return f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (Exception ex) {
      Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
      return new Reply(-1, String.valueOf(cause.getMessage()));
    } finally {
      c.close();
    }
  }

  /** A status and body; status -1 is an I/O failure whose message is the body. */
  public record Reply(int status, String body) {}

  /**
   * Open loop at {@code rate}/s for {@code duration}: request i is sent at start + i/rate, whatever earlier replies
   * did; its latency runs from that scheduled time to the end of the reply. Replies still missing {@code drain} after
   * the last send count as errors.
   */
  public Results.RateRun openLoop(Endpoint e, int rate, Duration duration, Duration drain, int poolSize)
      throws InterruptedException {
    Schedule schedule = Schedule.of(rate, duration.toNanos());
    Histogram latency = LatencyStats.newHistogram();
    Histogram lateness = LatencyStats.newHistogram();
    HttpClientAgent c = client(poolSize);
    long[] counters = new long[4]; // sent, ok, errors, last completion (ns)
    Map<String, Long> errorKinds = new java.util.TreeMap<>();
    long[] timer = {-1};
    CompletableFuture<Void> finished = new CompletableFuture<>();
    long total = schedule.totalRequests();
    long start = System.nanoTime() + 5_000_000; // a little head room to get onto the loop
    vertx.runOnContext(v -> timer[0] = vertx.setPeriodic(1, id -> {
      long now = System.nanoTime();
      long due = schedule.dueBy(now - start);
      for (long i = counters[0]; i < due; i++) {
        long scheduled = start + schedule.offsetNanos(i);
        LatencyStats.recordNanos(lateness, System.nanoTime() - scheduled);
        c.request(request(e, REQUEST_IDLE_TIMEOUT_MS))
            .compose(req -> req.send(Buffer.buffer(e.body())))
            .compose(resp -> resp.body().map(b -> resp.statusCode()))
            .onComplete(ar -> {
              long end = System.nanoTime();
              if (ar.succeeded() && ar.result() / 100 == 2) {
                counters[1]++;
                LatencyStats.recordNanos(latency, end - scheduled);
              } else {
                counters[2]++;
                errorKinds.merge(ar.succeeded() ? "HTTP " + ar.result() : ar.cause().getClass().getSimpleName()
                    + ": " + ar.cause().getMessage(), 1L, Long::sum);
              }
              counters[3] = Math.max(counters[3], end);
              if (counters[1] + counters[2] == total) {
                finished.complete(null);
              }
            });
      }
      counters[0] = due;
      if (due >= total) {
        vertx.cancelTimer(id);
      }
    }));
    if (total == 0) {
      finished.complete(null);
    }
    try {
      finished.get(duration.toMillis() + drain.toMillis() + 50, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException ex) {
      // Replies still missing count as errors below.
    }
    CompletableFuture<Results.RateRun> snapshot = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      vertx.cancelTimer(timer[0]);
      long done = counters[1] + counters[2];
      long missing = total - done;
      if (missing > 0) {
        errorKinds.merge("no reply within the drain time", missing, Long::sum);
      }
      lastErrors = errorKinds.toString();
      double seconds = ((counters[3] > 0 ? counters[3] : System.nanoTime()) - start) / 1e9;
      snapshot.complete(new Results.RateRun(rate, total, counters[1], counters[2] + missing,
          seconds > 0 ? counters[1] / seconds : Double.NaN, LatencyStats.of(latency), LatencyStats.of(lateness)));
    });
    try {
      return snapshot.get(10, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("generator loop stuck", ex);
    } finally {
      c.close();
    }
  }

  /** Closed loop: {@code connections} senders, each sending the next request when its reply ends, for the duration. */
  public ClosedRun closedLoop(Endpoint e, int connections, Duration duration) throws InterruptedException {
    return closedLoop(e, connections, duration, perSecond -> false);
  }

  /**
   * Closed loop for at most {@code max}; after every full second {@code stopAfter} sees the successful replies per
   * second so far (oldest first, on the generator's loop) and ends the run early by returning true. The per-second
   * counts are in {@link #lastSeconds()}.
   */
  public ClosedRun closedLoop(Endpoint e, int connections, Duration max,
      java.util.function.Predicate<java.util.List<Long>> stopAfter) throws InterruptedException {
    HttpClientAgent c = client(connections);
    long[] counters = new long[3]; // ok, errors, active senders
    java.util.List<Long> perSecond = new java.util.ArrayList<>();
    long[] windowOk = {0};
    CompletableFuture<Void> finished = new CompletableFuture<>();
    long start = System.nanoTime();
    long[] deadline = {start + max.toNanos()};
    long[] end = {0};
    long[] timer = {-1};
    Runnable[] send = new Runnable[1];
    send[0] = () -> c.request(request(e, REQUEST_IDLE_TIMEOUT_MS))
        .compose(req -> req.send(Buffer.buffer(e.body())))
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onComplete(ar -> {
          long now = System.nanoTime();
          if (now < deadline[0]) {
            if (ar.succeeded() && ar.result() / 100 == 2) {
              counters[0]++;
              windowOk[0]++;
            } else {
              counters[1]++;
            }
            end[0] = now;
            send[0].run();
          } else if (--counters[2] == 0) {
            finished.complete(null);
          }
        });
    vertx.runOnContext(v -> {
      counters[2] = connections;
      for (int i = 0; i < connections; i++) {
        send[0].run();
      }
      timer[0] = vertx.setPeriodic(1000, id -> {
        perSecond.add(windowOk[0]);
        windowOk[0] = 0;
        if (stopAfter.test(java.util.List.copyOf(perSecond))) {
          deadline[0] = Math.min(deadline[0], System.nanoTime());
          vertx.cancelTimer(id);
        }
      });
    });
    try {
      finished.get(max.toMillis() + REQUEST_IDLE_TIMEOUT_MS + 2000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException ex) {
      // Count what finished in time.
    }
    CompletableFuture<ClosedRun> snapshot = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      vertx.cancelTimer(timer[0]);
      lastSeconds = java.util.List.copyOf(perSecond);
      snapshot.complete(new ClosedRun(counters[0], counters[1], (end[0] - start) / 1e9));
    });
    try {
      return snapshot.get(10, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("generator loop stuck", ex);
    } finally {
      c.close();
    }
  }

  private volatile java.util.List<Long> lastSeconds = java.util.List.of();

  /** Successful replies per full second of the last closed-loop run. */
  public java.util.List<Long> lastSeconds() {
    return lastSeconds;
  }

  /**
   * {@code streams} concurrent streaming requests, all launched at once. Time to first byte runs from the launch;
   * chunk gaps are the intervals between successive data events of one stream as this client sees them.
   */
  public Results.StreamRun streaming(Endpoint e, int streams, Duration timeout, Runnable sampler)
      throws InterruptedException {
    HttpClientAgent c = client(streams + 16);
    Histogram ttfb = LatencyStats.newHistogram();
    Histogram gaps = LatencyStats.newHistogram();
    long[] counters = new long[4]; // completed, errors, events, finished
    CompletableFuture<Void> finished = new CompletableFuture<>();
    AtomicLong launched = new AtomicLong();
    vertx.runOnContext(v -> {
      long start = System.nanoTime();
      launched.set(start);
      for (int i = 0; i < streams; i++) {
        SseEventCounter sse = new SseEventCounter();
        long[] state = {0, 0, 0}; // first byte (ns), last event (ns), settled (0/1)
        Runnable settle = () -> {
          if (++counters[3] == streams) {
            finished.complete(null);
          }
        };
        c.request(request(e, STREAM_IDLE_TIMEOUT_MS))
            .compose(req -> req.send(Buffer.buffer(e.body())))
            .onComplete(ar -> {
              if (ar.failed() || ar.result().statusCode() != 200) {
                counters[1]++;
                state[2] = 1;
                if (ar.succeeded()) {
                  ar.result().request().connection().close();
                }
                settle.run();
                return;
              }
              HttpClientResponse resp = ar.result();
              resp.handler(buf -> {
                long now = System.nanoTime();
                if (state[0] == 0) {
                  state[0] = now;
                  LatencyStats.recordNanos(ttfb, now - start);
                }
                byte[] bytes = buf.getBytes();
                int events = sse.feed(bytes);
                for (int k = 0; k < events; k++) {
                  if (state[1] != 0) {
                    LatencyStats.recordNanos(gaps, now - state[1]);
                  }
                  state[1] = now;
                }
              });
              resp.exceptionHandler(t -> {
                if (state[2] == 0) {
                  state[2] = 1;
                  counters[1]++;
                  settle.run();
                }
              });
              resp.endHandler(x -> {
                if (state[2] == 0) {
                  state[2] = 1;
                  counters[2] += sse.events();
                  if (sse.done()) {
                    counters[0]++;
                  } else {
                    counters[1]++;
                  }
                  settle.run();
                }
              });
            });
      }
    });
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!finished.isDone() && System.nanoTime() < deadline) {
      sampler.run();
      try {
        finished.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException ex) {
        // keep sampling
      }
    }
    sampler.run();
    CompletableFuture<Results.StreamRun> snapshot = new CompletableFuture<>();
    vertx.runOnContext(v -> snapshot.complete(new Results.StreamRun(streams, counters[0],
        counters[1] + (streams - counters[3]), LatencyStats.of(ttfb), LatencyStats.of(gaps),
        counters[0] + counters[1] > 0 ? (double) counters[2] / Math.max(1, counters[0]) : Double.NaN, -1)));
    try {
      return snapshot.get(10, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("generator loop stuck", ex);
    } finally {
      c.close();
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // exiting anyway
    }
  }
}
