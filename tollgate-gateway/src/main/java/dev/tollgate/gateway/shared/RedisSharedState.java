package dev.tollgate.gateway.shared;

import dev.tollgate.gateway.keys.KeyInvalidations;
import dev.tollgate.gateway.keys.RedisKeyInvalidations;
import dev.tollgate.gateway.limits.InMemoryRateLimiter;
import dev.tollgate.gateway.limits.RateLimiter;
import dev.tollgate.gateway.limits.RedisRateLimiter;
import dev.tollgate.redis.RedisChannel;
import dev.tollgate.redis.RedisSettings;
import dev.tollgate.redis.SharedRedis;
import io.vertx.core.Vertx;

/**
 * Rate limits and key invalidations shared through Redis. Until {@link #start} (and whenever Redis fails) limits are
 * counted in memory; Redis being unreachable at start is a warning, not an error, and it is used as soon as it answers.
 */
public final class RedisSharedState implements SharedState {
  private final RedisSettings settings;
  private final InMemoryRateLimiter local = new InMemoryRateLimiter();
  private final RedisKeyInvalidations invalidations = new RedisKeyInvalidations();
  private volatile RateLimiter limiter = local;
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
  public synchronized void start(Vertx vertx) {
    if (redis != null) {
      return;
    }
    redis = SharedRedis.create(vertx, settings);
    redis.ping();
    limiter = new RedisRateLimiter(redis, local);
    invalidations.attach(new RedisChannel(redis, RedisKeyInvalidations.CHANNEL));
  }

  @Override
  public String display() {
    return "Redis " + settings.display() + " (shared by every instance)";
  }

  @Override
  public synchronized void close() {
    invalidations.detach();
    limiter = local;
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
