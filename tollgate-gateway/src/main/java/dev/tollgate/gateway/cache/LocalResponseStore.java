package dev.tollgate.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import java.util.List;

/**
 * The in-memory cache ({@code cache_params.type: local}): Caffeine, each entry with its own TTL, bounded by stored
 * bytes ({@code max_bytes_in_memory}) and by entries ({@code max_size_in_memory}, enforced as a weight of at least
 * {@code maxBytes / maxEntries} per entry, so whichever bound is reached first evicts). Lives as long as the process.
 */
public final class LocalResponseStore implements ResponseStore {
  private final Cache<String, Entry> cache;

  private record Entry(byte[] value, long ttlNanos) {}

  public LocalResponseStore(long maxEntries, long maxBytes) {
    this(maxEntries, maxBytes, Ticker.systemTicker());
  }

  /** @param ticker the clock entries expire by (tests move it) */
  public LocalResponseStore(long maxEntries, long maxBytes, Ticker ticker) {
    long perEntryFloor = Math.max(1, maxBytes / Math.max(1, maxEntries));
    this.cache = Caffeine.newBuilder()
        .ticker(ticker)
        // upkeep (read buffers, expiry, eviction) on the caller's thread instead of waking the common pool's
        .executor(Runnable::run)
        .maximumWeight(maxBytes)
        .weigher((String k, Entry e) -> (int) Math.min(Integer.MAX_VALUE,
            Math.max(perEntryFloor, e.value.length + 2L * k.length())))
        .expireAfter(new Expiry<String, Entry>() {
          @Override
          public long expireAfterCreate(String key, Entry value, long currentTime) {
            return value.ttlNanos;
          }

          @Override
          public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
            return value.ttlNanos;
          }

          @Override
          public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  @Override
  public Future<byte[]> get(String key) {
    Entry e = cache.getIfPresent(key);
    return Future.succeededFuture(e == null ? null : e.value);
  }

  @Override
  public Future<Void> put(String key, byte[] value, long ttlMillis) {
    cache.put(key, new Entry(value, Math.max(1, ttlMillis) * 1_000_000L));
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> delete(List<String> keys) {
    int removed = 0;
    for (String k : keys) {
      if (cache.asMap().remove(k) != null) {
        removed++;
      }
    }
    return Future.succeededFuture(removed);
  }

  @Override
  public Future<Void> flush() {
    cache.invalidateAll();
    return Future.succeededFuture();
  }

  @Override
  public String type() {
    return "local";
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  /** Entries held now (after pending evictions), for tests and {@code /cache/ping}. */
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
