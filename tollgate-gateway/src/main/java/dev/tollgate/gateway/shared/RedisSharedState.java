package dev.tollgate.gateway.shared;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouterState;
import dev.tollgate.gateway.keys.KeyInvalidations;
import dev.tollgate.gateway.keys.RedisKeyInvalidations;
import dev.tollgate.gateway.limits.InMemoryRateLimiter;
import dev.tollgate.gateway.limits.RateLimiter;
import dev.tollgate.gateway.limits.RedisRateLimiter;
import dev.tollgate.redis.RedisChannel;
import dev.tollgate.redis.RedisSettings;
import dev.tollgate.redis.SharedRedis;
import dev.tollgate.redis.router.RedisRouterState;
import io.vertx.core.Vertx;

/**
 * Rate limits, key invalidations and the router's state shared through Redis (one connection, {@link SharedRedis},
 * for all three). Until {@link #start} (and whenever Redis fails) they are kept in memory; Redis being unreachable at
 * start is a warning, not an error, and it is used as soon as it answers.
 */
public final class RedisSharedState implements SharedState {
  private final RedisSettings settings;
  private final InMemoryRateLimiter local = new InMemoryRateLimiter();
  private final RedisKeyInvalidations invalidations = new RedisKeyInvalidations();
  private volatile RateLimiter limiter = local;
  private final DeferredRouterState routerState = new DeferredRouterState(new InMemoryRouterState());
  private SharedRedis redis;

  public RedisSharedState(RedisSettings settings) {
    this.settings = settings;
  }

  @Override
  public RateLimiter limiter() {
    return limiter;
  }

  @Override
  public KeyInvalidations invalidations() {
    return invalidations;
  }

  @Override
  public RouterState routerState() {
    return routerState;
  }

  @Override
  public synchronized java.util.Optional<SharedRedis> redis() {
    return java.util.Optional.ofNullable(redis);
  }

  @Override
  public synchronized void start(Vertx vertx) {
    if (redis != null) {
      return;
    }
    redis = SharedRedis.create(vertx, settings);
    redis.ping();
    limiter = new RedisRateLimiter(redis, local);
    invalidations.attach(new RedisChannel(redis, RedisKeyInvalidations.CHANNEL));
    // the router's keys live under the gateway's prefix plus RedisRouterState.DEFAULT_NAMESPACE ("router:")
    routerState.share(RedisRouterState.start(redis, routerState.local()));
  }

  @Override
  public String display() {
    return "Redis " + settings.display() + " (shared by every instance)";
  }

  @Override
  public synchronized void close() {
    invalidations.detach();
    limiter = local;
    RouterState shared = routerState.unshare();
    if (shared != null) {
      shared.close();
    }
    if (redis != null) {
      try {
        redis.close();
      } catch (RuntimeException ignored) {
        // Vert.x may already be closed
      }
      redis = null;
    }
  }
}
