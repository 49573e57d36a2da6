package dev.tollgate.gateway.limits;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RateLimiter} in this process's memory: one small synchronized counter per key. */
public final class InMemoryRateLimiter implements RateLimiter {
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    long start = Long.MIN_VALUE / 2;
    long requests;
    long tokens;
    long parallel;

    void roll(long now) {
      if (now >= start + WINDOW_MILLIS) {
        start = now;
        requests = 0;
        tokens = 0;
      }
    }
  }

  @Override
  public Future<Decision> acquire(String keyHash, KeyLimits limits, long now) {
    return Future.succeededFuture(decide(keyHash, limits, now));
  }

  @Override
  public void release(String keyHash, KeyLimits limits, Decision admitted, long totalTokens, long now) {
    release(keyHash, limits, totalTokens, now);
  }

  /** {@link #acquire}, synchronously. */
  public Decision decide(String keyHash, KeyLimits limits, long now) {
    Window w = windows.computeIfAbsent(keyHash, k -> new Window());
    synchronized (w) {
      w.roll(now);
      long reset = w.start + WINDOW_MILLIS;
      long rpm = limits.rpm() == null ? -1 : limits.rpm();
      long tpm = limits.tpm() == null ? -1 : limits.tpm();
      long parallel = limits.maxParallel() == null ? -1 : limits.maxParallel();
      long reqLeft = rpm < 0 ? -1 : Math.max(0, rpm - w.requests);
      long tokLeft = tpm < 0 ? -1 : Math.max(0, tpm - w.tokens);
      if (rpm >= 0 && w.requests >= rpm) {
        return new Decision("requests", rpm, 0, reset, 0, tokLeft);
      }
      if (tpm >= 0 && w.tokens >= tpm) {
        return new Decision("tokens", tpm, 0, reset, reqLeft, 0);
      }
      if (parallel >= 0 && w.parallel >= parallel) {
        return new Decision("max_parallel_requests", parallel, 0, reset, reqLeft, tokLeft);
      }
      w.requests++;
      w.parallel++;
      return new Decision(null, 0, 0, reset, rpm < 0 ? -1 : rpm - w.requests, tokLeft);
    }
  }

  /** {@link #release}, for a request this limiter admitted. */
  public void release(String keyHash, KeyLimits limits, long totalTokens, long now) {
    Window w = windows.get(keyHash);
    if (w == null) {
      return;
    }
    synchronized (w) {
      w.parallel = Math.max(0, w.parallel - 1);
      w.roll(now);
      w.tokens += Math.max(0, totalTokens);
    }
  }
}
