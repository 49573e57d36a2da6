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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances (two Redis clients, two local views) sharing one deployment's state through a real Redis. */
class RedisRouterStateTest {
  private static final Duration SOON = Duration.ofSeconds(3);
  /** A fixed instant in the middle of a minute, so that no test crosses a minute by accident. */
  private static final long START = 1_790_000_030_000L;

  private final AtomicLong clock = new AtomicLong(START);
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private Vertx vertx;
  private RedisSettings settings;
  private SharedRedis redisA;
  private RedisRouterState a;
  private RedisRouterState b;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    settings = TestRedis.settings();
    redisA = SharedRedis.create(vertx, settings);
    a = instance(redisA);
    b = instance(SharedRedis.create(vertx, settings));
  }

  private RedisRouterState instance(SharedRedis redis) {
    RedisRouterState state = RedisRouterState.start(redis, RedisRouterState.DEFAULT_NAMESPACE,
        new InMemoryRouterState(clock::get), clock::get);
    toClose.add(state);
    toClose.add(redis);
    return state;
  }

  @AfterEach
  void stop() throws Exception {
    TestRedis.deleteKeys(redisA.client(), settings.keyPrefix());
    for (AutoCloseable c : toClose) {
      c.close();
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static boolean await(java.util.concurrent.CompletionStage<Boolean> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void twoInstancesAdmitNoMoreThanTheRpmTogether() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        RedisRouterState on = i % 2 == 0 ? a : b;
        calls.add(CompletableFuture.supplyAsync(() -> on.tryAcquire("d1", 10, -1), callers)
            .thenCompose(s -> s));
      }
      long admitted = 0;
      for (CompletableFuture<Boolean> call : calls) {
        admitted += call.get(5, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(10);
    } finally {
      callers.shutdownNow();
    }
    assertThat(await(a.tryAcquire("d1", 10, -1))).isFalse();
    assertThat(await(b.tryAcquire("d2", 10, -1))).as("deployments count apart").isTrue();
    Eventually.equals(SOON, () -> a.usage("d1").requests(), 10L);
    Eventually.equals(SOON, () -> b.usage("d1").requests(), 10L);

    clock.addAndGet(60_000);
    assertThat(await(b.tryAcquire("d1", 10, -1))).as("the next minute starts afresh").isTrue();
    assertThat(b.usage("d1")).isEqualTo(new MinuteUsage(1, 0));
  }

  @Test
  void usageOnOneInstanceReflectsTheOthersUnlimitedRequestsAndTokens() throws Exception {
    assertThat(b.usage("d1")).isEqualTo(MinuteUsage.NONE);
    for (int i = 0; i < 3; i++) {
      assertThat(await(a.tryAcquire("d1", -1, -1))).isTrue();
    }
    a.addTokens("d1", 30);
    a.addTokens("d1", 20);
    assertThat(a.usage("d1")).as("counted here at once").isEqualTo(new MinuteUsage(3, 50));
    Eventually.equals(SOON, () -> b.usage("d1"), new MinuteUsage(3, 50));

    assertThat(await(b.tryAcquire("d1", -1, 50))).as("tpm reached by the other instance's tokens").isFalse();
    assertThat(await(b.tryAcquire("d1", 4, 51))).isTrue();
    assertThat(await(a.tryAcquire("d1", 4, -1))).as("rpm counts the unlimited requests too").isFalse();
    Eventually.equals(SOON, () -> a.usage("d1"), new MinuteUsage(4, 50));
  }

  @Test
  void aCooldownStartedOnOneInstanceReachesTheOtherAtOnce() throws Exception {
    assertThat(b.cooldownUntil("d1")).isZero();
    long until = System.currentTimeMillis() + 60_000;
    clock.set(System.currentTimeMillis());
    a.startCooldown("d1", until, "429 RateLimitError");
    assertThat(a.cooldownUntil("d1")).isEqualTo(until);
    Eventually.equals(Duration.ofMillis(1_500), () -> b.cooldownUntil("d1"), until);

    a.startCooldown("d1", until - 10_000, "shorter");
    b.startCooldown("d1", until + 5_000, "longer");
    Eventually.equals(SOON, () -> a.cooldownUntil("d1"), until + 5_000);
    assertThat(b.cooldownUntil("d1")).as("a shorter cooldown never shortens a longer one").isEqualTo(until + 5_000);
  }

  @Test
  void theAnnouncementAloneCarriesACooldown() throws Exception {
    InMemoryRouterState viewOfC = new InMemoryRouterState(clock::get);
    SharedRedis redisC = SharedRedis.create(vertx, settings);
    toClose.add(redisC);
    // C refreshes once in ten minutes and never looks at d9, so only the channel can tell it
    toClose.add(RedisRouterState.start(redisC, RedisRouterState.DEFAULT_NAMESPACE, viewOfC, clock::get, 600_000));
    String channel = settings.keyPrefix() + RedisRouterState.DEFAULT_NAMESPACE + "cooldowns";
    Eventually.equals(SOON, () -> subscribers(channel), 3L);

    long until = System.currentTimeMillis() + 60_000;
    clock.set(System.currentTimeMillis());
    a.startCooldown("d9", until, "401 AuthenticationError");
    Eventually.equals(SOON, () -> viewOfC.cooldownUntil("d9"), until);
  }

  @Test
  void anInstanceThatMissedTheAnnouncementReadsTheCooldownFromRedis() throws Exception {
    long until = System.currentTimeMillis() + 60_000;
    clock.set(System.currentTimeMillis());
    a.startCooldown("d1", until, "500 InternalServerError");
    Eventually.equals(SOON, () -> b.cooldownUntil("d1"), until);

    RedisRouterState late = instance(SharedRedis.create(vertx, settings));
    Eventually.equals(Duration.ofMillis(1_500), () -> late.cooldownUntil("d1"), until);
  }

  @Test
  void failuresCountAcrossInstancesPerKindInOneWindow() throws Exception {
    assertThat(a.recordFailure("d1", "RateLimitError", 60_000).toCompletableFuture().get()).isEqualTo(1);
    assertThat(b.recordFailure("d1", "RateLimitError", 60_000).toCompletableFuture().get()).isEqualTo(2);
    assertThat(a.recordFailure("d1", "RateLimitError", 60_000).toCompletableFuture().get()).isEqualTo(3);
    assertThat(b.recordFailure("d1", "*", 60_000).toCompletableFuture().get()).isEqualTo(1);
    assertThat(b.recordFailure("d2", "RateLimitError", 60_000).toCompletableFuture().get()).isEqualTo(1);

    assertThat(a.recordFailure("d3", "Timeout", 200).toCompletableFuture().get()).isEqualTo(1);
    assertThat(b.recordFailure("d3", "Timeout", 200).toCompletableFuture().get()).isEqualTo(2);
    Eventually.equals(SOON, () -> exists(new RouterKeys(settings.keyPrefix() + "router:").failures("d3", "Timeout")),
        false);
    assertThat(b.recordFailure("d3", "Timeout", 200).toCompletableFuture().get()).as("a new window").isEqualTo(1);
  }

  @Test
  void inFlightCallsAddUpAcrossInstances() throws Exception {
    assertThat(b.inFlight("d1")).isZero();
    a.callStarted("d1");
    a.callStarted("d1");
    b.callStarted("d1");
    assertThat(b.inFlight("d1")).as("its own at once").isGreaterThanOrEqualTo(1);
    Eventually.equals(SOON, () -> b.inFlight("d1"), 3L);
    Eventually.equals(SOON, () -> a.inFlight("d1"), 3L);
    a.callEnded("d1");
    a.callEnded("d1");
    assertThat(a.inFlight("d1")).isLessThanOrEqualTo(2);
    Eventually.equals(SOON, () -> b.inFlight("d1"), 1L);
  }

  @Test
  void anInstanceThatStoppedPublishingNoLongerCountsAsBusy() throws Exception {
    a.callStarted("d1");
    a.callStarted("d1");
    Eventually.equals(SOON, () -> b.inFlight("d1"), 2L);
    a.close();
    clock.addAndGet(RouterRefresh.BUSY_STALE_MILLIS + 1_000);
    Eventually.equals(SOON, () -> b.inFlight("d1"), 0L);
    String busyKey = new RouterKeys(settings.keyPrefix() + RedisRouterState.DEFAULT_NAMESPACE).busy("d1");
    Eventually.equals(SOON, () -> exists(busyKey), false);
  }

  @Test
  void latencyStaysPerInstance() {
    a.recordLatency("d1", 12.0, false);
    assertThat(a.latency("d1").perToken()).isEqualTo(12.0);
    assertThat(b.latency("d1").samples()).isZero();
  }

  private long subscribers(String channel) {
    try {
      return redisA.client().send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel))
          .await(5, TimeUnit.SECONDS).get(1).toLong();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Redis did not answer", e);
    }
  }

  private boolean exists(String key) {
    try {
      return redisA.client().send(Request.cmd(Command.EXISTS).arg(key)).await(5, TimeUnit.SECONDS).toInteger() == 1;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Redis did not answer", e);
    }
  }
}
