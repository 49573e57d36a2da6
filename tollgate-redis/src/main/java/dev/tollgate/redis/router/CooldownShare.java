package dev.tollgate.redis.router;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.redis.RedisChannel;
import dev.tollgate.redis.SharedRedis;
import io.vertx.redis.client.Response;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cooldowns between instances: a cooldown started here is written to {@code <base>cooldown:{id}} (expiring when it
 * ends, never shortening a later one) and then announced on the channel {@code <base>cooldowns} as
 * {@code "<until> <id>"}, so that the other instances apply it at once. The key is the record for an instance that
 * missed the message (it was restarting, or its subscription was down): {@link RouterRefresh} reads it every second.
 * A cooldown that Redis did not take is written again after the next successful refresh.
 */
final class CooldownShare implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CooldownShare.class);
  static final String REASON = "cooldown shared by another instance";

  private final SharedRedis redis;
  private final RouterKeys keys;
  private final InMemoryRouterState local;
  private final RedisChannel channel;
  private final LongSupplier clock;

  CooldownShare(SharedRedis redis, RouterKeys keys, String channelName, InMemoryRouterState local,
      LongSupplier clock) {
    this.redis = redis;
    this.keys = keys;
    this.local = local;
    this.clock = clock;
    this.channel = new RedisChannel(redis, channelName);
  }

  /** Starts listening; {@code onSubscribed} runs after every (re)subscription. */
  void subscribe(Runnable onSubscribed) {
    channel.subscribe(this::onMessage, onSubscribed);
  }

  /** Writes and announces a cooldown already set in this instance's memory. */
  void share(DeploymentShare share, long until) {
    long ttl = until - clock.getAsLong();
    if (ttl <= 0) {
      return;
    }
    if (!redis.available()) {
      share.cooldownNotShared(until);
      return;
    }
    redis.guard(RedisRouterState.attempt(() -> RouterScripts.COOLDOWN.run(redis.client(),
            new String[] {keys.cooldown(share.id)}, until, ttl).map(Response::toLong)), null,
            RedisRouterState.BACKGROUND_TIMEOUT_MILLIS)
        .onSuccess(inForce -> {
          apply(share.id, inForce);
          channel.publish(inForce + " " + share.id);
        })
        .onFailure(e -> share.cooldownNotShared(until));
  }

  /** Writes again a cooldown that Redis did not take before. */
  void retryUnshared(DeploymentShare share) {
    long until = share.takeUnsharedCooldown();
    if (until > 0) {
      share(share, until);
    }
  }

  /** Applies a cooldown learned from Redis: it only ever lengthens the one known here. */
  void apply(String id, long until) {
    if (until > local.cooldownUntil(id)) {
      local.startCooldown(id, until, REASON);
    }
  }

  private void onMessage(String payload) {
    int space = payload.indexOf(' ');
    try {
      apply(payload.substring(space + 1), Long.parseLong(payload.substring(0, space)));
    } catch (RuntimeException e) {
      LOG.debug("ignoring a malformed cooldown message on {}: {}", channel.channel(), payload);
    }
  }

  @Override
  public void close() {
    channel.close();
  }
}
