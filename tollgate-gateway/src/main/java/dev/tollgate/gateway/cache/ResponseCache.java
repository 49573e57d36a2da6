package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.redis.SharedRedis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gateway's response cache for the whole process (a config reload keeps its entries): picks the store the
 * serving snapshot's {@link CacheSettings} names, looks entries up (applying {@code s-maxage}), stores new answers
 * with their TTL and counts {@code tollgate_cache_hits_total} / {@code tollgate_cache_misses_total}. A {@code redis}
 * cache without a reachable Redis is bypassed: lookups miss, nothing is stored, requests are served as usual.
 */
public final class ResponseCache {
  private final Supplier<Optional<SharedRedis>> redis;
  private final LongSupplier clock;
  private final Counter hits;
  private final Counter misses;
  private volatile LocalResponseStore local;
  private volatile RedisResponseStore shared;
  private volatile boolean warnedNoRedis;
  private final SemanticIndex semantic;
  /** Prompt vectors of semantic misses, indexed once their answer is stored (by exact key). */
  private final com.github.benmanes.caffeine.cache.Cache<String, Pending> pending =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
          .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();

  private record Pending(String scope, float[] vector) {}
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResponseCache.class);

  /**
   * @param redis the gateway's shared Redis once started, if any
   * @param clock epoch milliseconds, for entry timestamps and {@code s-maxage}
   */
  public ResponseCache(Supplier<Optional<SharedRedis>> redis, LongSupplier clock, MeterRegistry metrics) {
    this.redis = redis;
    this.clock = clock;
    this.semantic = new SemanticIndex(clock);
    this.hits = Counter.builder("tollgate_cache_hits").description("answers served from the response cache")
        .register(metrics);
    this.misses = Counter.builder("tollgate_cache_misses")
        .description("cacheable requests the response cache could not answer").register(metrics);
  }

  /** The store {@code settings} name, or null when there is none usable (caching off, or no Redis). */
  public ResponseStore store(CacheSettings settings) {
    return switch (settings.type()) {
      case OFF -> null;
      case LOCAL, SEMANTIC -> local(settings);
      case REDIS -> {
        RedisResponseStore s = shared;
        if (s == null) {
          Optional<SharedRedis> r = redis.get();
          if (r.isEmpty()) {
            if (!warnedNoRedis) {
              warnedNoRedis = true;
              LOG.warn("cache_params.type is redis but the gateway has no Redis (set cache_params host/url, "
                  + "router_settings.redis_host or REDIS_HOST): response caching is bypassed");
            }
            yield null;
          }
          s = shared = new RedisResponseStore(r.get());
        }
        yield s;
      }
    };
  }

  private LocalResponseStore local(CacheSettings settings) {
    LocalResponseStore s = local;
    if (s == null) {
      synchronized (this) {
        if (local == null) {
          local = new LocalResponseStore(settings.maxEntries(), settings.maxBytes());
        }
        s = local;
      }
    }
    return s;
  }

  /**
   * The entry under {@code key}, or null on a miss (none, too old for {@code sMaxAgeSeconds}, unreadable, or the store
   * failed). Counts the hit or miss.
   */
  public Future<CachedResponse> lookup(CacheSettings settings, String key, Long sMaxAgeSeconds) {
    ResponseStore store = store(settings);
    if (store == null) {
      misses.increment();
      return Future.succeededFuture();
    }
    return store.get(key).otherwise((byte[]) null).map(bytes -> {
      CachedResponse found = bytes == null ? null : CachedResponse.fromBytes(bytes);
      if (found != null && sMaxAgeSeconds != null && found.olderThan(sMaxAgeSeconds, clock.getAsLong())) {
        found = null;
      }
      if (found != null) {
        hits.increment();
      } else if (settings.type() != CacheSettings.Type.SEMANTIC) {
        misses.increment(); // a semantic cache counts its miss after the similarity search (semanticLookup)
      }
      return found;
    });
  }

  /** Stores {@code response} under {@code key} for {@code ttlSeconds} (null: the settings' TTL); failures ignored. */
  public void put(CacheSettings settings, String key, ObjectNode response, Long ttlSeconds) {
    ResponseStore store = store(settings);
    if (store == null) {
      return;
    }
    long ttl = ttlSeconds != null ? ttlSeconds : settings.defaultTtlSeconds();
    if (ttl <= 0) {
      return;
    }
    store.put(key, new CachedResponse(clock.getAsLong(), response).toBytes(), ttl * 1000);
    Pending p = settings.type() == CacheSettings.Type.SEMANTIC ? pending.asMap().remove(key) : null;
    if (p != null) {
      semantic.add(p.scope(), key, p.vector(), ttl * 1000);
    }
  }

  /**
   * The semantic cache's answer for a prompt vector: the closest stored prompt of {@code scope} at or above the
   * threshold and its entry, or null (then {@code vector} is kept so that this request's answer gets indexed under
   * {@code key} when stored). Counts the hit or miss.
   */
  public Future<SemanticHit> semanticLookup(CacheSettings settings, String scope, String key, float[] vector,
      Long sMaxAgeSeconds) {
    SemanticIndex.Match match = semantic.best(scope, vector, settings.similarityThreshold());
    if (match == null) {
      pending.put(key, new Pending(scope, vector));
      misses.increment();
      return Future.succeededFuture();
    }
    return local(settings).get(match.key()).otherwise((byte[]) null).map(bytes -> {
      CachedResponse found = bytes == null ? null : CachedResponse.fromBytes(bytes);
      if (found != null && sMaxAgeSeconds != null && found.olderThan(sMaxAgeSeconds, clock.getAsLong())) {
        found = null;
      }
      if (found == null) {
        pending.put(key, new Pending(scope, vector));
        misses.increment();
        return null;
      }
      hits.increment();
      return new SemanticHit(match.key(), match.similarity(), found);
    });
  }

  /** A semantic hit: the stored entry's key, the prompts' similarity, the entry. */
  public record SemanticHit(String key, double similarity, CachedResponse entry) {}

  /** Counts a miss the caller decided on (a semantic lookup that could not run). */
  public void countMiss() {
    misses.increment();
  }

  /** Drops index entries (after {@code /cache/delete} or {@code /cache/flushall}). */
  public void forget(java.util.List<String> keys) {
    semantic.remove(keys);
  }

  public void forgetAll() {
    semantic.clear();
    pending.invalidateAll();
  }
}
