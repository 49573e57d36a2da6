package dev.tollgate.redis.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouterState.MinuteUsage;
import dev.tollgate.redis.RedisSettings;
import dev.tollgate.redis.SharedRedis;
import dev.tollgate.redis.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** Redis unreachable, or going away and coming back: every operation completes promptly on local state. */
class RedisRouterStateOutageTest {
  private static final long START = 1_790_000_030_000L;
  private final AtomicLong clock = new AtomicLong(START);
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private RedisRouterState state(SharedRedis redis) {
    return RedisRouterState.start(redis, RedisRouterState.DEFAULT_NAMESPACE, new InMemoryRouterState(clock::get),
        clock::get);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(2, TimeUnit.SECONDS);
  }

  @Test
  void anUnreachableRedisLeavesEveryOperationToLocalStatePromptly() throws Exception {
    SharedRedis dead = SharedRedis.create(vertx, RedisSettings.of("127.0.0.1", TestRedis.deadPort(), null, null)
        .withTimeout(Duration.ofMillis(50)));
    try (RedisRouterState state = state(dead)) {
      long t0 = System.nanoTime();
      assertThat(await(state.tryAcquire("d1", 2, -1))).isTrue();
      assertThat(await(state.tryAcquire("d1", 2, -1))).isTrue();
      assertThat(await(state.tryAcquire("d1", 2, -1))).as("the local rpm").isFalse();
      assertThat(await(state.tryAcquire("d1", -1, -1))).isTrue();
      state.addTokens("d1", 40);
      assertThat(state.usage("d1")).isEqualTo(new MinuteUsage(3, 40));
      assertThat(await(state.recordFailure("d1", "RateLimitError", 60_000))).isEqualTo(1);
      assertThat(await(state.recordFailure("d1", "RateLimitError", 60_000))).isEqualTo(2);
      state.startCooldown("d1", START + 5_000, "429 RateLimitError");
      assertThat(state.cooldownUntil("d1")).isEqualTo(START + 5_000);
      state.callStarted("d1");
      assertThat(state.inFlight("d1")).isEqualTo(1);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1_500);
      assertThat(dead.available()).as("the breaker is open").isFalse();
    } finally {
      dead.close();
    }
  }

  @Test
  void aClientClosedUnderItLeavesEveryOperationToLocalState() throws Exception {
    SharedRedis redis = SharedRedis.create(vertx, TestRedis.settings());
    try (RedisRouterState state = state(redis)) {
      redis.close();
      assertThat(await(state.tryAcquire("d1", 1, -1))).isTrue();
      assertThat(await(state.tryAcquire("d1", 1, -1))).isFalse();
      assertThat(await(state.recordFailure("d1", "*", 60_000))).isEqualTo(1);
      state.startCooldown("d1", START + 5_000, "500");
      assertThat(state.cooldownUntil("d1")).isEqualTo(START + 5_000);
      assertThat(state.refreshNow().await(2, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test
  void countsMadeWhileRedisWasGoneReachItWhenItIsBack() throws Exception {
    int port = TestRedis.deadPort();
    RedisServer server = embedded(port);
    server.start();
    RedisSettings settings = RedisSettings.of("127.0.0.1", port, null, null).withTimeout(Duration.ofSeconds(1));
    SharedRedis redis = SharedRedis.create(vertx, settings);
    String usageKey = new RouterKeys(settings.keyPrefix() + RedisRouterState.DEFAULT_NAMESPACE)
        .usage("d1", START / 60_000);
    Eventually.equals(Duration.ofSeconds(5), () -> requestsIn(redis, usageKey), 0L);
    try (RedisRouterState state = state(redis)) {
      assertThat(await(state.tryAcquire("d1", 5, -1))).isTrue();
      assertThat(requestsIn(redis, usageKey)).as("admitted by Redis").isEqualTo(1);

      server.stop();
      long t0 = System.nanoTime();
      assertThat(await(state.tryAcquire("d1", 5, -1))).as("admitted locally").isTrue();
      assertThat(await(state.tryAcquire("d1", -1, -1))).isTrue();
      assertThat(state.usage("d1")).isEqualTo(new MinuteUsage(3, 0));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1_500);

      server = embedded(port);
      server.start();
      // the restarted Redis is empty; the two requests counted meanwhile are written by the next batches
      Eventually.equals(Duration.ofSeconds(5), () -> requestsIn(redis, usageKey), 2L);
      assertThat(await(state.tryAcquire("d1", 5, -1))).isTrue();
      assertThat(requestsIn(redis, usageKey)).as("admitted by Redis again").isEqualTo(3);
    } finally {
      redis.close();
      server.stop();
    }
  }

  @Test
  void anAdmissionRedisMadeAfterTheTimeoutIsTakenBackThere() throws Exception {
    int port = TestRedis.deadPort();
    RedisServer server = embedded(port);
    server.start();
    RedisSettings settings = RedisSettings.of("127.0.0.1", port, null, null).withTimeout(Duration.ofMillis(100));
    SharedRedis redis = SharedRedis.create(vertx, settings);
    String usageKey = new RouterKeys(settings.keyPrefix() + RedisRouterState.DEFAULT_NAMESPACE)
        .usage("d1", START / 60_000);
    Eventually.equals(Duration.ofSeconds(5), () -> requestsIn(redis, usageKey), 0L);
    RouterScripts.ACQUIRE.run(redis.client(), new String[] {usageKey + ":warm"}, 1, -1, 60_000)
        .await(5, TimeUnit.SECONDS);
    try (RedisRouterState state = state(redis)) {
      redis.client().send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(400)).await(2, TimeUnit.SECONDS);
      assertThat(await(state.tryAcquire("d1", 5, -1))).as("admitted locally after the timeout").isTrue();
      // Redis runs the script when the pause ends and admits too; that count is taken back, and the local admission
      // is written by a batch after the breaker closes: one in all, not two. (A batch started before the admission
      // may be the one running when the breaker closes; the next ones write it and read the settled count.)
      Eventually.equals(Duration.ofSeconds(3), redis::available, true);
      for (int i = 0; i < 3; i++) {
        state.refreshNow().await(3, TimeUnit.SECONDS);
      }
      assertThat(requestsIn(redis, usageKey)).isEqualTo(1);
      assertThat(state.usage("d1").requests()).isEqualTo(1);
    } finally {
      redis.close();
      server.stop();
    }
  }

  /** A throwaway Redis that keeps nothing on disk. */
  private static RedisServer embedded(int port) throws IOException {
    return RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
        .setting("appendonly no").build();
  }

  private static long requestsIn(SharedRedis redis, String key) {
    try {
      Response r = redis.client().send(Request.cmd(Command.HGET).arg(key).arg("r")).await(2, TimeUnit.SECONDS);
      return r == null ? 0 : r.toLong();
    } catch (Exception e) {
      return -1;
    }
  }
}
