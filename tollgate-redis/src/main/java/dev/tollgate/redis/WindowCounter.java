package dev.tollgate.redis;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * Per-id request, token and parallel-slot counters in Redis over fixed windows, each operation one atomic Lua script,
 * so that every gateway instance counts against the same numbers. The window is a hash {@code <prefix>{id}:w} with
 * fields {@code r} (requests) and {@code t} (tokens) that expires when the window ends ({@code PEXPIRE}): the first
 * request after that starts a new window. Parallel slots are a counter {@code <prefix>{id}:p} with a safety TTL,
 * refreshed on each acquisition, so that slots held by an instance that died are given back eventually. The braces
 * are a Redis Cluster hash tag: both keys of an id live in one slot.
 *
 * <p>Limits use -1 for "unlimited". {@link #acquire} checks requests, then tokens, then parallel slots, and counts the
 * request (and takes a slot when a parallel limit is set) only when all allow; {@link #release} gives the slot back
 * and adds the call's tokens to the current window.
 */
public final class WindowCounter {
  /** Default safety TTL of the parallel-slot counter: LiteLLM's default request timeout (600 s). */
  public static final long DEFAULT_SLOT_TTL_MILLIS = 600_000;

  static final LuaScript ACQUIRE = new LuaScript("""
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl < 0 then
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'r', 0, 't', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        ttl = tonumber(ARGV[1])
      end
      local r = tonumber(redis.call('HGET', KEYS[1], 'r') or '0')
      local t = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
      local p = tonumber(redis.call('GET', KEYS[2]) or '0')
      local rpm = tonumber(ARGV[2])
      local tpm = tonumber(ARGV[3])
      local par = tonumber(ARGV[4])
      if rpm >= 0 and r >= rpm then return {1, r, t, p, ttl} end
      if tpm >= 0 and t >= tpm then return {2, r, t, p, ttl} end
      if par >= 0 and p >= par then return {3, r, t, p, ttl} end
      r = redis.call('HINCRBY', KEYS[1], 'r', 1)
      if par >= 0 then
        p = redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
      end
      return {0, r, t, p, ttl}
      """);

  static final LuaScript RELEASE = new LuaScript("""
      if ARGV[1] == '1' then
        local p = redis.call('DECR', KEYS[2])
        if p <= 0 then redis.call('DEL', KEYS[2]) end
      end
      local tokens = tonumber(ARGV[2])
      if tokens > 0 then
        if redis.call('PTTL', KEYS[1]) > 0 then
          redis.call('HINCRBY', KEYS[1], 't', tokens)
        else
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], 'r', 0, 't', tokens)
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
        end
      end
      return 1
      """);

  private final SharedRedis redis;
  private final long windowMillis;
  private final long slotTtlMillis;
  private final String prefix;

  public WindowCounter(SharedRedis redis, String name, long windowMillis, long slotTtlMillis) {
    this.redis = redis;
    this.windowMillis = windowMillis;
    this.slotTtlMillis = slotTtlMillis;
    this.prefix = redis.settings().keyPrefix() + name + ":{";
  }

  /**
   * Checks and counts one request, guarded by the connection's timeout and breaker.
   *
   * @param maxParallel -1 when unlimited: then no slot is taken and {@link #release} must not give one back
   * @param lateAdmission called when Redis admitted the request after the returned future had already failed by
   *     timeout, so the caller can give the slot back; may be null
   */
  public Future<WindowCounts> acquire(String id, long rpm, long tpm, long maxParallel,
      Handler<WindowCounts> lateAdmission) {
    if (!redis.available()) {
      return SharedRedis.unavailable();
    }
    Future<WindowCounts> raw = ACQUIRE.run(redis.client(), keys(id), windowMillis, rpm, tpm, maxParallel,
        slotTtlMillis).map(WindowCounts::from);
    return redis.guard(raw, lateAdmission == null ? null : c -> {
      if (c.admitted()) {
        lateAdmission.handle(c);
      }
    });
  }

  /** Gives back a parallel slot (when {@code slot}) and counts {@code tokens} in the current window. */
  public Future<Void> release(String id, boolean slot, long tokens) {
    if (!slot && tokens <= 0) {
      return Future.succeededFuture();
    }
    return RELEASE.run(redis.client(), keys(id), slot ? "1" : "0", Math.max(0, tokens), windowMillis).mapEmpty();
  }

  private String[] keys(String id) {
    String base = prefix + id + "}:";
    return new String[] {base + "w", base + "p"};
  }
}
