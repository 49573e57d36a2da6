package dev.tollgate.gateway.limits;

import dev.tollgate.redis.SharedRedis;
import dev.tollgate.redis.WindowCounter;
import dev.tollgate.redis.WindowCounts;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RateLimiter} over Redis: every instance counts against the same fixed windows ({@link WindowCounter}), so a
 * key's limits hold across instances. Fail-open: when Redis fails, is slower than its timeout, or its breaker is
 * open, the request is decided by {@link InMemoryRateLimiter} on this instance instead, and a request admitted that
 * way is released there. A request that Redis admitted after the caller stopped waiting has its slot given back.
 */
public final class RedisRateLimiter implements RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
  private final WindowCounter counter;
  private final InMemoryRateLimiter local;
  private final SharedRedis redis;

  public RedisRateLimiter(SharedRedis redis, InMemoryRateLimiter local) {
    this.redis = redis;
    this.counter = new WindowCounter(redis, "limits", WINDOW_MILLIS, WindowCounter.DEFAULT_SLOT_TTL_MILLIS);
    this.local = local;
  }

  @Override
  public Future<Decision> acquire(String keyHash, KeyLimits limits, long now) {
    long rpm = limits.rpm() == null ? -1 : limits.rpm();
    long tpm = limits.tpm() == null ? -1 : limits.tpm();
    long parallel = limits.maxParallel() == null ? -1 : limits.maxParallel();
    Future<WindowCounts> counted = counter.acquire(keyHash, rpm, tpm, parallel,
        late -> giveBack(keyHash, parallel >= 0, 0, true));
    if (counted.failed()) {
      return local.acquire(keyHash, limits, now);
    }
    return counted.transform(ar -> ar.succeeded()
        ? Future.succeededFuture(decision(ar.result(), rpm, tpm, parallel, System.currentTimeMillis()))
        : local.acquire(keyHash, limits, now));
  }

  @Override
  public void release(String keyHash, KeyLimits limits, Decision admitted, long totalTokens, long now) {
    if (admitted == null || !admitted.shared()) {
      local.release(keyHash, limits, totalTokens, now);
      return;
    }
    giveBack(keyHash, limits.maxParallel() != null, totalTokens, true);
  }

  /** Releases in Redis; one retry a little later, then the slot's safety TTL takes over. */
  private void giveBack(String keyHash, boolean slot, long tokens, boolean retry) {
    counter.release(keyHash, slot, tokens).onFailure(e -> {
      if (retry) {
        redis.vertx().setTimer(SharedRedis.RETRY_MILLIS, t -> giveBack(keyHash, slot, tokens, false));
      } else {
        LOG.debug("could not release a rate-limit slot in Redis ({}); its safety TTL frees it", e.getMessage());
      }
    });
  }

  static Decision decision(WindowCounts c, long rpm, long tpm, long parallel, long now) {
    long reset = now + Math.max(0, c.windowLeftMillis());
    long reqLeft = rpm < 0 ? -1 : Math.max(0, rpm - c.requests());
    long tokLeft = tpm < 0 ? -1 : Math.max(0, tpm - c.tokens());
    return switch (c.refused()) {
      case WindowCounts.NONE -> new Decision(null, 0, 0, reset, reqLeft, tokLeft, true);
      case WindowCounts.REQUESTS -> new Decision("requests", rpm, 0, reset, 0, tokLeft, true);
      case WindowCounts.TOKENS -> new Decision("tokens", tpm, 0, reset, reqLeft, 0, true);
      default -> new Decision("max_parallel_requests", parallel, 0, reset, reqLeft, tokLeft, true);
    };
  }
}
