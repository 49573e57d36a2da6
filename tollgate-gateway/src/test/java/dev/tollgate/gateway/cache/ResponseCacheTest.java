package dev.tollgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.types.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ResponseCache cache = new ResponseCache(Optional::empty, now::get, meters);
  private final CacheSettings local = new CacheSettings(CacheSettings.Type.LOCAL, 60L, null, null, null, true,
      Set.of("acompletion"), 100, 1_000_000);

  @Test
  void sMaxAgeRejectsOlderEntries() {
    cache.put(local, "k", Json.object().put("id", "x"), null);
    now.addAndGet(10_000);
    assertThat(cache.lookup(local, "k", 11L).result()).isNotNull();
    assertThat(cache.lookup(local, "k", 9L).result()).isNull();
    assertThat(cache.lookup(local, "k", null).result().response().get("id").asText()).isEqualTo("x");
    assertThat(meters.counter("tollgate_cache_hits").count()).isEqualTo(2);
    assertThat(meters.counter("tollgate_cache_misses").count()).isEqualTo(1);
  }

  @Test
  void aRedisCacheWithoutRedisIsBypassed() {
    CacheSettings redis = new CacheSettings(CacheSettings.Type.REDIS, 60L, null, null, null, true,
        Set.of("acompletion"), 100, 1_000_000);
    cache.put(redis, "k", Json.object(), null);
    assertThat(cache.store(redis)).isNull();
    assertThat(cache.lookup(redis, "k", null).result()).isNull();
  }

  @Test
  void theStoredValueCarriesItsTimestamp() {
    CachedResponse entry = new CachedResponse(1_700_000_123_456L, Json.object().put("object", "chat.completion"));
    CachedResponse back = CachedResponse.fromBytes(entry.toBytes());
    assertThat(back).isEqualTo(entry);
    assertThat(Json.tree(entry.toBytes()).get("timestamp").asDouble()).isEqualTo(1_700_000_123.456);
    assertThat(CachedResponse.fromBytes("not json".getBytes())).isNull();
  }
}
