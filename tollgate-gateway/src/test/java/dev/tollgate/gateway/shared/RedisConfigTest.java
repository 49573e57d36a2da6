package dev.tollgate.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.redis.RedisSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the shared Redis comes from, and in which order. */
class RedisConfigTest {
  private static Optional<RedisSettings> resolve(String yaml, Map<String, String> env) {
    return RedisConfig.from(ConfigLoader.parse(yaml, "test", env));
  }

  @Test
  void nothingConfiguredMeansInMemory() {
    assertThat(resolve("model_list: []\n", Map.of())).isEmpty();
    assertThat(resolve("litellm_settings:\n  cache: true\n  cache_params:\n    type: local\n", Map.of())).isEmpty();
  }

  @Test
  void routerSettingsHostPortPassword() {
    RedisSettings s = resolve("""
        router_settings:
          redis_host: redis.internal
          redis_port: 6380
          redis_password: secret
        """, Map.of()).orElseThrow();
    assertThat(s.connectionString()).isEqualTo("redis://redis.internal:6380");
    assertThat(s.password()).isEqualTo("secret");
    assertThat(s.timeout()).isEqualTo(RedisSettings.DEFAULT_TIMEOUT);
    assertThat(s.toString()).doesNotContain("secret");
  }

  @Test
  void routerSettingsUrlWinsOverHost() {
    RedisSettings s = resolve("""
        router_settings:
          redis_url: redis://:pw@cache:6390/2
          redis_host: ignored
        """, Map.of()).orElseThrow();
    assertThat(s.connectionString()).isEqualTo("redis://:pw@cache:6390/2");
    assertThat(s.display()).isEqualTo("redis://***@cache:6390/2");
  }

  @Test
  void cacheParamsOfTypeRedisComeFirst() {
    RedisSettings s = resolve("""
        litellm_settings:
          cache: true
          cache_params:
            type: redis
            host: cache-redis
            port: "6381"
            password: os.environ/CACHE_PW
        router_settings:
          redis_host: router-redis
        """, Map.of("CACHE_PW", "pw1", "REDIS_HOST", "env-redis")).orElseThrow();
    assertThat(s.connectionString()).isEqualTo("redis://cache-redis:6381");
    assertThat(s.password()).isEqualTo("pw1");
  }

  @Test
  void envAloneAndAsDefaultsForMissingFields() {
    RedisSettings fromEnv = resolve("model_list: []\n", Map.of("REDIS_HOST", "envhost", "REDIS_PORT", "7000",
        "REDIS_PASSWORD", "p", "REDIS_SOCKET_TIMEOUT", "0.05")).orElseThrow();
    assertThat(fromEnv.connectionString()).isEqualTo("redis://envhost:7000");
    assertThat(fromEnv.password()).isEqualTo("p");
    assertThat(fromEnv.timeout()).isEqualTo(Duration.ofMillis(50));

    RedisSettings merged = resolve("router_settings:\n  redis_host: confhost\n", Map.of("REDIS_PORT", "7001",
        "REDIS_PASSWORD", "envpw")).orElseThrow();
    assertThat(merged.connectionString()).isEqualTo("redis://confhost:7001");
    assertThat(merged.password()).isEqualTo("envpw");

    assertThat(resolve("model_list: []\n", Map.of("REDIS_URL", "rediss://u:p@h:1/0")).orElseThrow()
        .connectionString()).isEqualTo("rediss://u:p@h:1/0");
  }

  @Test
  void environmentVariablesInTheConfigCount() {
    RedisSettings s = resolve("environment_variables:\n  REDIS_HOST: localhost\n  REDIS_PORT: \"6329\"\n",
        Map.of()).orElseThrow();
    assertThat(s.connectionString()).isEqualTo("redis://localhost:6329");
  }

  @Test
  void aBadPortIsAConfigError() {
    assertThatThrownBy(() -> resolve("router_settings:\n  redis_host: h\n  redis_port: abc\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("redis_port");
  }
}
