package dev.tollgate.gateway.shared;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouterState;
import dev.tollgate.gateway.keys.KeyInvalidations;
import dev.tollgate.gateway.limits.InMemoryRateLimiter;
import dev.tollgate.gateway.limits.RateLimiter;
import io.vertx.core.Vertx;

/**
 * What gateway instances share: rate-limit counters, key invalidations and the router's state (cooldowns, deployment
 * rpm/tpm, in-flight calls, latency). {@link #local} keeps them in this process (one instance);
 * {@link RedisSharedState} shares them through Redis. {@link #start} runs once Vert.x is up.
 */
public interface SharedState extends AutoCloseable {
  RateLimiter limiter();

  KeyInvalidations invalidations();

  /** The router's state for every model snapshot of this process; the same object for the process's lifetime. */
  RouterState routerState();

  /** The shared Redis client once {@link #start} ran, when the state lives in Redis (the response cache uses it). */
  default java.util.Optional<dev.tollgate.redis.SharedRedis> redis() {
    return java.util.Optional.empty();
  }

  /** Connects to the shared store, if any, on the gateway's Vert.x; never fails for an unreachable store. */
  default void start(Vertx vertx) {}

  /** Where the state lives, for the start banner. */
  default String display() {
    return "in memory (single instance)";
  }

  @Override
  default void close() {}

  static SharedState local() {
    return local(KeyInvalidations.LOCAL);
  }

  static SharedState local(KeyInvalidations invalidations) {
    RateLimiter limiter = new InMemoryRateLimiter();
    RouterState router = new InMemoryRouterState();
    return new SharedState() {
      @Override
      public RouterState routerState() {
        return router;
      }

      @Override
      public RateLimiter limiter() {
        return limiter;
      }

      @Override
      public KeyInvalidations invalidations() {
        return invalidations;
      }
    };
  }
}
