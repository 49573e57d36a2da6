package dev.tollgate.gateway.keys;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Key hash to {@link VirtualKey}, in memory, so that an authenticated request costs no database round trip once its
 * key is cached. Unknown hashes are cached too (a negative entry, {@link #NEGATIVE_TTL}) so that a client retrying
 * with a bad key does not hit the database each time.
 *
 * <p>A miss loads from {@link KeyStore} on the database's executor and completes the returned future there; callers
 * on an event loop resume on their own context. Concurrent misses for one hash share one load.
 *
 * <p><b>Invalidation.</b> Every management change ({@code update}, {@code delete}, {@code block}, {@code regenerate})
 * calls {@link #invalidate}, which drops the local entry at once and tells the {@link KeyInvalidations} bus. With Redis
 * configured ({@link RedisKeyInvalidations}) every other instance drops its entry within milliseconds; single
 * instance, the bus is local. When the bus cannot deliver (Redis down), another instance sees a change within
 * {@link #POSITIVE_TTL}, and drops its whole cache when the bus reconnects.
 */
public final class KeyCache {
  /** LiteLLM's {@code DEFAULT_MANAGEMENT_OBJECT_IN_MEMORY_CACHE_TTL}. */
  public static final Duration POSITIVE_TTL = Duration.ofSeconds(60);
  public static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);

  private final KeyStore store;
  private final KeyInvalidations bus;
  private final AsyncCache<String, Optional<VirtualKey>> cache;

  public KeyCache(KeyStore store, KeyInvalidations bus) {
    this.store = store;
    this.bus = bus;
    this.cache = Caffeine.newBuilder()
        .maximumSize(100_000)
        // Caffeine runs its own upkeep (draining the read buffers, expiry) on this executor: on the caller's thread,
        // not the database pool, which it woke about once per five cached reads. Loads go to the pool explicitly.
        .executor(Runnable::run)
        .expireAfter(new Expiry<String, Optional<VirtualKey>>() {
          @Override
          public long expireAfterCreate(String key, Optional<VirtualKey> value, long now) {
            return (value.isPresent() ? POSITIVE_TTL : NEGATIVE_TTL).toNanos();
          }

          @Override
          public long expireAfterUpdate(String key, Optional<VirtualKey> value, long now, long current) {
            return expireAfterCreate(key, value, now);
          }

          @Override
          public long expireAfterRead(String key, Optional<VirtualKey> value, long now, long current) {
            return current;
          }
        })
        .buildAsync();
    bus.subscribe(this::invalidateLocal);
    bus.subscribeMissed(this::invalidateAll);
  }

  /** The key with this hash; an already-completed future when cached. */
  public CompletableFuture<Optional<VirtualKey>> get(String hash) {
    return cache.get(hash,
        (h, ignored) -> CompletableFuture.supplyAsync(() -> store.find(h), store.database().executor()));
  }

  /** The cached key with this hash, or null when it is not cached or still loading; never loads. */
  public VirtualKey cachedOrNull(String hash) {
    CompletableFuture<Optional<VirtualKey>> f = cache.getIfPresent(hash);
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
      return null;
    }
    return f.join().orElse(null);
  }

  /** Drops the entry here and on every other instance (once a shared bus is configured). */
  public void invalidate(String hash) {
    invalidateLocal(hash);
    bus.publish(hash);
  }

  /** Drops the entry on this instance only; what a bus subscriber calls. */
  public void invalidateLocal(String hash) {
    cache.synchronous().invalidate(hash);
  }

  public void invalidateAll() {
    cache.synchronous().invalidateAll();
  }
}
