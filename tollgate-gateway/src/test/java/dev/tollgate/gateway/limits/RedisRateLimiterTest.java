package dev.tollgate.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.redis.TestRedis;
import dev.tollgate.redis.RedisSettings;
import dev.tollgate.redis.SharedRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis limiter's decisions match the in-memory one's, and it falls back to memory when Redis is gone. */
class RedisRateLimiterTest {
  private final Vertx vertx = Vertx.vertx();
  private SharedRedis redis;

  @AfterEach
  void stop() throws Exception {
    if (redis != null) {
      if (!redis.failing()) {
        TestRedis.deleteKeys(redis.client(), redis.settings().keyPrefix());
      }
      redis.close();
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Decision await(Future<Decision> f) throws Exception {
    return f.await(5, TimeUnit.SECONDS);
  }

  @Test
  void decisionsAndHeadersValuesMatchTheInMemoryLimiter() throws Exception {
    redis = SharedRedis.create(vertx, TestRedis.settings());
    RedisRateLimiter shared = new RedisRateLimiter(redis, new InMemoryRateLimiter());
    InMemoryRateLimiter local = new InMemoryRateLimiter();
    KeyLimits limits = new KeyLimits(2L, 50L, 1);
    long now = System.currentTimeMillis();
    for (int i = 0; i < 3; i++) {
      Decision r = await(shared.acquire("k", limits, now));
      Decision m = local.decide("k", limits, now);
      assertThat(r.shared()).isTrue();
      assertThat(r.refusedBy()).isEqualTo(m.refusedBy());
      assertThat(r.limit()).isEqualTo(m.limit());
      assertThat(r.remainingRequests()).isEqualTo(m.remainingRequests());
      assertThat(r.remainingTokens()).isEqualTo(m.remainingTokens());
      assertThat(r.resetAtMillis()).isBetween(now + 59_000, now + 61_000);
      if (r.allowed()) {
        shared.release("k", limits, r, 10, now);
        local.release("k", limits, m, 10, now);
        Thread.sleep(50); // the release is fire and forget
      }
    }
  }

  @Test
  void withRedisGoneItDecidesInMemoryAndReleasesThere() throws Exception {
    redis = SharedRedis.create(vertx, RedisSettings.of("127.0.0.1", TestRedis.deadPort(), null, null)
        .withTimeout(Duration.ofMillis(50)));
    RedisRateLimiter limiter = new RedisRateLimiter(redis, new InMemoryRateLimiter());
    KeyLimits one = new KeyLimits(null, null, 1);
    Decision first = await(limiter.acquire("p", one, 0));
    assertThat(first.allowed()).isTrue();
    assertThat(first.shared()).isFalse();
    Future<Decision> second = limiter.acquire("p", one, 1);
    assertThat(second.isComplete()).as("the breaker is open: no waiting").isTrue();
    assertThat(second.result().refusedBy()).isEqualTo("max_parallel_requests");
    limiter.release("p", one, first, 0, 2);
    assertThat(await(limiter.acquire("p", one, 3)).allowed()).isTrue();
  }
}
