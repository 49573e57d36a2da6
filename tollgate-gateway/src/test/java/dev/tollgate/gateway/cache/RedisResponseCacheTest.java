package dev.tollgate.gateway.cache;

import static dev.tollgate.gateway.cache.CacheClient.chat;
import static dev.tollgate.gateway.cache.CacheClient.content;
import static dev.tollgate.gateway.cache.CacheClient.upstreamChats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.redis.RedisSettings;
import dev.tollgate.redis.SharedRedis;
import dev.tollgate.redis.TestRedis;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code cache_params.type: redis}: entries shared by two gateways through the real Redis; a dead Redis is bypassed. */
class RedisResponseCacheTest {
  private static final String CONFIG = "/cache/cache-redis-config.yaml";

  @Test
  void anAnswerStoredByOneInstanceIsAHitOnTheOther() throws Exception {
    RedisSettings redis = TestRedis.settings();
    try (TestDatabase dbA = TestDatabase.sqlite(); TestDatabase dbB = TestDatabase.sqlite();
        RunningGateway a = RunningGateway.startShared(CONFIG, dbA.url(), redis);
        RunningGateway b = RunningGateway.startShared(CONFIG, dbB.url(), redis)) {
      ObjectNode body = chat("shared through redis");
      HttpResponse<String> miss = chat(a, body);
      assertThat(miss.statusCode()).isEqualTo(200);
      assertThat(upstreamChats(a)).isEqualTo(1);

      HttpResponse<String> hit = chat(b, body);
      assertThat(hit.statusCode()).isEqualTo(200);
      assertThat(hit.headers().firstValue("x-litellm-cache-key")).hasValue(CacheKey.of("gpt-fake", body, null));
      assertThat(content(hit)).isEqualTo(content(miss));
      assertThat(upstreamChats(b)).as("b's upstream was not called").isZero();

      Http.Reply ping = new Http(b).get("/cache/ping", RunningGateway.MASTER_KEY);
      assertThat(ping.status()).isEqualTo(200);
      assertThat(ping.json().get("cache_type").asText()).isEqualTo("redis");

      // a flush on one instance empties the shared cache for both
      assertThat(new Http(a).post("/cache/flushall", RunningGateway.MASTER_KEY, "").status()).isEqualTo(200);
      assertThat(chat(b, body).headers().firstValue("x-litellm-cache-key")).isEmpty();
      assertThat(upstreamChats(b)).isEqualTo(1);
    } finally {
      Vertx vertx = Vertx.vertx();
      try {
        SharedRedis cleanup = SharedRedis.create(vertx, redis);
        TestRedis.deleteKeys(cleanup.client(), redis.keyPrefix());
        cleanup.close();
      } finally {
        vertx.close();
      }
    }
  }

  @Test
  void aDeadRedisIsBypassedAndRequestsAreStillServed() throws Exception {
    RedisSettings dead = RedisSettings.of("127.0.0.1", TestRedis.deadPort(), null, null)
        .withTimeout(Duration.ofMillis(50));
    try (TestDatabase db = TestDatabase.sqlite(); RunningGateway gw = RunningGateway.startShared(CONFIG, db.url(),
        dead)) {
      ObjectNode body = chat("redis is down");
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = chat(gw, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-litellm-cache-key")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
      }
      assertThat(upstreamChats(gw)).isEqualTo(3);
      assertThat(new Http(gw).get("/cache/ping", RunningGateway.MASTER_KEY).status()).isEqualTo(503);
    }
  }
}
