package dev.tollgate.gateway.cache;

import dev.tollgate.redis.SharedRedis;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis cache ({@code cache_params.type: redis}) on the gateway's shared Redis ({@link SharedRedis}: non-blocking,
 * every call bounded by its timeout, a breaker that skips Redis for a second after a failure, outages logged at most
 * once a minute). Keys are {@code <gateway prefix>cache:<cache key>}, values {@link CachedResponse} JSON, written with
 * {@code SET ... PX <ttl>}. A lookup waits at most {@link #LOOKUP_TIMEOUT_MILLIS}; any failure is a miss.
 */
public final class RedisResponseStore implements ResponseStore {
  /** How long a lookup waits for Redis before the request goes upstream (answers are a few KB, not a counter). */
  static final long LOOKUP_TIMEOUT_MILLIS = 250;
  private static final long WRITE_TIMEOUT_MILLIS = 1_000;
  private final SharedRedis redis;
  private final String prefix;

  public RedisResponseStore(SharedRedis redis) {
    this.redis = redis;
    this.prefix = redis.settings().keyPrefix() + "cache:";
  }

  @Override
  public Future<byte[]> get(String key) {
    if (!redis.available()) {
      return SharedRedis.unavailable();
    }
    return redis.guard(redis.client().send(Request.cmd(Command.GET).arg(prefix + key)), null, LOOKUP_TIMEOUT_MILLIS)
        .map(r -> r == null ? null : r.toBytes());
  }

  @Override
  public Future<Void> put(String key, byte[] value, long ttlMillis) {
    if (!redis.available()) {
      return SharedRedis.unavailable();
    }
    Request set = Request.cmd(Command.SET).arg(prefix + key).arg(value).arg("PX").arg(Math.max(1, ttlMillis));
    return redis.guard(redis.client().send(set), null, WRITE_TIMEOUT_MILLIS).mapEmpty();
  }

  @Override
  public Future<Integer> delete(List<String> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture(0);
    }
    Request del = Request.cmd(Command.DEL);
    keys.forEach(k -> del.arg(prefix + k));
    return redis.guard(redis.client().send(del), null, WRITE_TIMEOUT_MILLIS).map(Response::toInteger);
  }

  @Override
  public Future<Void> flush() {
    return scanAndDelete("0");
  }

  private Future<Void> scanAndDelete(String cursor) {
    Request scan = Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + "*").arg("COUNT").arg(500);
    return redis.guard(redis.client().send(scan), null, WRITE_TIMEOUT_MILLIS).compose(r -> {
      String next = r.get(0).toString();
      List<String> found = new ArrayList<>();
      for (Response k : r.get(1)) {
        found.add(k.toString());
      }
      Future<?> deleted = Future.succeededFuture();
      if (!found.isEmpty()) {
        Request del = Request.cmd(Command.DEL);
        found.forEach(del::arg);
        deleted = redis.guard(redis.client().send(del), null, WRITE_TIMEOUT_MILLIS);
      }
      return deleted.compose(v -> "0".equals(next) ? Future.<Void>succeededFuture() : scanAndDelete(next));
    });
  }

  @Override
  public String type() {
    return "redis";
  }

  @Override
  public Future<Void> ping() {
    return redis.guard(redis.client().send(Request.cmd(Command.PING)), null, WRITE_TIMEOUT_MILLIS).mapEmpty();
  }
}
