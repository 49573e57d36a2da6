package dev.tollgate.gateway.budgets;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tollgate.gateway.keys.KeyCache;
import dev.tollgate.gateway.keys.KeyInvalidations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Users, teams, organizations and end users in memory, as {@link KeyCache} keeps keys: a request costs no database
 * round trip once the entities it names are cached. A miss loads on the database's executor; callers on an event loop
 * resume on their own context. Missing rows are cached briefly ({@link KeyCache#NEGATIVE_TTL}).
 *
 * <p><b>Invalidation.</b> The spend writer drops an entity after writing its spend (the next check reloads it); the
 * management APIs call {@link #invalidate} after any change, which drops the entry here and, through the same bus as
 * keys ({@code entity:<kind>:<id>} messages), on every other instance. Otherwise an entry lives
 * {@link KeyCache#POSITIVE_TTL}.
 */
public final class EntityCache {
  static final String PREFIX = "entity:";
  private final EntityLoader store;
  private final KeyInvalidations bus;
  private final AsyncCache<Ref, Optional<Entity>> cache;
  private final List<BiConsumer<EntityKind, String>> remoteListeners = new CopyOnWriteArrayList<>();

  /** Cache key. */
  record Ref(EntityKind kind, String id) {}

  public EntityCache(EntityLoader store, KeyInvalidations bus) {
    this.store = store;
    this.bus = bus;
    this.cache = Caffeine.newBuilder()
        .maximumSize(200_000)
        // Caffeine runs its own upkeep (draining the read buffers, expiry) on this executor: on the caller's thread,
        // not the database pool, which it woke about once per five cached reads. Loads go to the pool explicitly.
        .executor(Runnable::run)
        .expireAfter(new Expiry<Ref, Optional<Entity>>() {
          @Override
          public long expireAfterCreate(Ref key, Optional<Entity> value, long now) {
            return (value.isPresent() ? KeyCache.POSITIVE_TTL : KeyCache.NEGATIVE_TTL).toNanos();
          }

          @Override
          public long expireAfterUpdate(Ref key, Optional<Entity> value, long now, long current) {
            return expireAfterCreate(key, value, now);
          }

          @Override
          public long expireAfterRead(Ref key, Optional<Entity> value, long now, long current) {
            return current;
          }
        })
        .buildAsync();
    bus.subscribe(this::onMessage);
    bus.subscribeMissed(this::invalidateAll);
  }

  /** The entity; an already-completed future when cached. */
  public CompletableFuture<Optional<Entity>> get(EntityKind kind, String id) {
    return cache.get(new Ref(kind, id),
        (r, ignored) -> CompletableFuture.supplyAsync(() -> store.find(r.kind(), r.id()), store.database().executor()));
  }

  /**
   * Drops the entity here and on every other instance: what the management APIs call after creating, changing,
   * blocking or deleting a user, team, organization, end user (or a budget row they use, with the entity's id).
   */
  public void invalidate(EntityKind kind, String id) {
    invalidateLocal(kind, id);
    bus.publish(PREFIX + kind.id() + ":" + id);
  }

  /** Drops the entity on this instance only. */
  public void invalidateLocal(EntityKind kind, String id) {
    cache.synchronous().invalidate(new Ref(kind, id));
  }

  public void invalidateAll() {
    cache.synchronous().invalidateAll();
  }

  /** Bus messages for keys are key hashes; ours are {@code entity:<kind>:<id>}. */
  private void onMessage(String message) {
    if (!message.startsWith(PREFIX)) {
      return;
    }
    String rest = message.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    EntityKind kind = colon < 0 ? null : EntityKind.of(rest.substring(0, colon));
    if (kind != null) {
      String id = rest.substring(colon + 1);
      invalidateLocal(kind, id);
      remoteListeners.forEach(l -> l.accept(kind, id));
    }
  }

  /** Also tells {@code listener} of every change another instance reports (other caches keyed by the same ids). */
  public void onRemoteChange(BiConsumer<EntityKind, String> listener) {
    remoteListeners.add(listener);
  }

  public EntityLoader store() {
    return store;
  }
}
