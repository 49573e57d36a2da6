package dev.tollgate.gateway.cache;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where cached answers live: this process's memory ({@link LocalResponseStore}) or Redis ({@link RedisResponseStore}).
 * Every method is non-blocking; a failure means "not cached" to callers, never a failed request.
 */
public interface ResponseStore {
  /** The stored bytes under {@code key}, or null. */
  Future<byte[]> get(String key);

  /** Stores {@code value} under {@code key} for {@code ttlMillis}. */
  Future<Void> put(String key, byte[] value, long ttlMillis);

  /** Removes the keys; the number removed. */
  Future<Integer> delete(List<String> keys);

  /** Removes every cached answer of this gateway. */
  Future<Void> flush();

  /** {@code local} or {@code redis}, as {@code /cache/ping} reports it. */
  String type();

  /** Whether the store answers now ({@code /cache/ping}). */
  Future<Void> ping();
}
