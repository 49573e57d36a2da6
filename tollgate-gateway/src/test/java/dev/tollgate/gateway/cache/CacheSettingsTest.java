package dev.tollgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.LitellmSettings;
import dev.tollgate.providers.types.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {
  private static CacheSettings read(Boolean cache, String params) {
    JsonNode p = params == null ? null : Json.tree(params.getBytes());
    return CacheSettings.read(new LitellmSettings(false, null, null, null, null, null, null, cache, p, null,
        Map.of()));
  }

  @Test
  void offUnlessCacheIsTrue() {
    assertThat(read(null, "{\"type\": \"local\"}").type()).isEqualTo(CacheSettings.Type.OFF);
    assertThat(read(true, null).type()).isEqualTo(CacheSettings.Type.LOCAL);
  }

  @Test
  void readsTtlsModeNamespaceAndCallTypes() {
    CacheSettings s = read(true, "{\"type\": \"redis\", \"default_in_redis_ttl\": 30, \"namespace\": \"ns\","
        + " \"mode\": \"default_off\", \"supported_call_types\": [\"acompletion\"]}");
    assertThat(s.type()).isEqualTo(CacheSettings.Type.REDIS);
    assertThat(s.defaultTtlSeconds()).isEqualTo(30);
    assertThat(s.namespace()).isEqualTo("ns");
    assertThat(s.defaultOn()).isFalse();
    assertThat(s.caches("acompletion")).isTrue();
    assertThat(s.caches("aembedding")).isFalse();
    assertThat(read(true, "{\"supported_call_types\": []}").caches("acompletion")).isFalse();
    assertThat(read(true, "{\"ttl\": 5, \"default_in_memory_ttl\": 9}").defaultTtlSeconds()).isEqualTo(5);
  }

  @Test
  void unsupportedTypesTurnCachingOffAndBadValuesFail() {
    assertThat(read(true, "{\"type\": \"s3\"}").type()).isEqualTo(CacheSettings.Type.OFF);
    assertThat(read(true, "{\"type\": \"disk\"}").caches("acompletion")).isFalse();
    assertThatThrownBy(() -> read(true, "{\"mode\": \"sometimes\"}")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> read(true, "{\"ttl\": -1}")).isInstanceOf(ConfigException.class);
  }

  @Test
  void semanticTypesNeedAnEmbeddingModel() {
    CacheSettings s = read(true, "{\"type\": \"qdrant-semantic\", \"similarity_threshold\": 0.95,"
        + " \"qdrant_semantic_cache_embedding_model\": \"embed\"}");
    assertThat(s.type()).isEqualTo(CacheSettings.Type.SEMANTIC);
    assertThat(s.similarityThreshold()).isEqualTo(0.95);
    assertThat(s.embeddingModel()).isEqualTo("embed");
    assertThatThrownBy(() -> read(true, "{\"type\": \"redis-semantic\"}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis_semantic_cache_embedding_model");
    assertThatThrownBy(() -> read(true, "{\"type\": \"redis-semantic\", \"similarity_threshold\": 2,"
        + " \"redis_semantic_cache_embedding_model\": \"embed\"}")).isInstanceOf(ConfigException.class);
  }
}
