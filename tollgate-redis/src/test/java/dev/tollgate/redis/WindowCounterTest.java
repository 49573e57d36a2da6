package dev.tollgate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counter scripts against a real Redis: window expiry, tokens, parallel slots and their safety TTL. */
class WindowCounterTest {
  private Vertx vertx;
  private SharedRedis redis;
  private RedisSettings settings;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    settings = TestRedis.settings();
    redis = SharedRedis.create(vertx, settings);
  }

  @AfterEach
  void stop() throws Exception {
    TestRedis.deleteKeys(redis.client(), settings.keyPrefix());
    redis.close();
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(5, TimeUnit.SECONDS);
  }

  @Test
  void refusesAboveTheRequestLimitUntilTheWindowEnds() throws Exception {
    WindowCounter c = new WindowCounter(redis, "limits", 400, 60_000);
    assertThat(await(c.acquire("k", 2, -1, -1, null)).requests()).isEqualTo(1);
    assertThat(await(c.acquire("k", 2, -1, -1, null)).admitted()).isTrue();
    WindowCounts refused = await(c.acquire("k", 2, -1, -1, null));
    assertThat(refused.refused()).isEqualTo(WindowCounts.REQUESTS);
    assertThat(refused.requests()).isEqualTo(2);
    assertThat(refused.windowLeftMillis()).isBetween(1L, 400L);
    assertThat(await(c.acquire("other", 2, -1, -1, null)).admitted()).as("ids count apart").isTrue();

    Thread.sleep(450);
    WindowCounts fresh = await(c.acquire("k", 2, -1, -1, null));
    assertThat(fresh.admitted()).isTrue();
    assertThat(fresh.requests()).isEqualTo(1);
  }

  @Test
  void countsTokensAfterTheCallAndRefusesOnceTheyReachTheLimit() throws Exception {
    WindowCounter c = new WindowCounter(redis, "limits", 60_000, 60_000);
    assertThat(await(c.acquire("k", -1, 100, -1, null)).admitted()).isTrue();
    await(c.release("k", false, 60));
    WindowCounts second = await(c.acquire("k", -1, 100, -1, null));
    assertThat(second.admitted()).isTrue();
    assertThat(second.tokens()).isEqualTo(60);
    await(c.release("k", false, 50));
    WindowCounts refused = await(c.acquire("k", -1, 100, -1, null));
    assertThat(refused.refused()).isEqualTo(WindowCounts.TOKENS);
    assertThat(refused.tokens()).isEqualTo(110);
  }

  @Test
  void tokensReportedAfterTheWindowEndedStartANewWindow() throws Exception {
    WindowCounter c = new WindowCounter(redis, "limits", 300, 60_000);
    assertThat(await(c.acquire("k", -1, 10, -1, null)).admitted()).isTrue();
    Thread.sleep(350);
    await(c.release("k", false, 20));
    assertThat(await(c.acquire("k", -1, 10, -1, null)).refused()).isEqualTo(WindowCounts.TOKENS);
  }

  @Test
  void releasingAParallelSlotLetsTheNextRequestIn() throws Exception {
    WindowCounter c = new WindowCounter(redis, "limits", 60_000, 60_000);
    WindowCounts first = await(c.acquire("k", -1, -1, 1, null));
    assertThat(first.admitted()).isTrue();
    assertThat(first.parallel()).isEqualTo(1);
    assertThat(await(c.acquire("k", -1, -1, 1, null)).refused()).isEqualTo(WindowCounts.PARALLEL);
    await(c.release("k", true, 0));
    assertThat(await(c.acquire("k", -1, -1, 1, null)).admitted()).isTrue();
  }

  @Test
  void slotsNeverGoBelowZero() throws Exception {
    WindowCounter c = new WindowCounter(redis, "limits", 60_000, 60_000);
    await(c.release("k", true, 0));
    await(c.release("k", true, 0));
    assertThat(await(c.acquire("k", -1, -1, 1, null)).admitted()).isTrue();
    assertThat(await(c.acquire("k", -1, -1, 1, null)).admitted()).isFalse();
  }

  @Test
  void aSlotNeverGivenBackExpiresAfterItsSafetyTtl() throws Exception {
    WindowCounter c = new WindowCounter(redis, "limits", 60_000, 300);
    assertThat(await(c.acquire("k", -1, -1, 1, null)).admitted()).isTrue();
    long ttl = await(redis.client().send(Request.cmd(Command.PTTL).arg(settings.keyPrefix() + "limits:{k}:p")))
        .toLong();
    assertThat(ttl).isBetween(1L, 300L);
    assertThat(await(c.acquire("k", -1, -1, 1, null)).admitted()).isFalse();
    Thread.sleep(400);
    assertThat(await(c.acquire("k", -1, -1, 1, null)).admitted()).isTrue();
  }

  @Test
  void twoClientsShareOneCount() throws Exception {
    SharedRedis other = SharedRedis.create(vertx, settings);
    try {
      WindowCounter a = new WindowCounter(redis, "limits", 60_000, 60_000);
      WindowCounter b = new WindowCounter(other, "limits", 60_000, 60_000);
      assertThat(await(a.acquire("k", 3, -1, -1, null)).admitted()).isTrue();
      assertThat(await(b.acquire("k", 3, -1, -1, null)).admitted()).isTrue();
      assertThat(await(a.acquire("k", 3, -1, -1, null)).requests()).isEqualTo(3);
      assertThat(await(b.acquire("k", 3, -1, -1, null)).refused()).isEqualTo(WindowCounts.REQUESTS);
    } finally {
      other.close();
    }
  }

  @Test
  void aDeadRedisFailsFastAndOpensTheBreaker() throws Exception {
    SharedRedis dead = SharedRedis.create(vertx, RedisSettings.of("127.0.0.1", TestRedis.deadPort(), null, null)
        .withTimeout(java.time.Duration.ofMillis(50)));
    try {
      WindowCounter c = new WindowCounter(dead, "limits", 60_000, 60_000);
      long t0 = System.nanoTime();
      Future<WindowCounts> f = c.acquire("k", 1, -1, -1, null);
      try {
        f.await(5, TimeUnit.SECONDS);
      } catch (Exception expected) {
        // refused or timed out
      }
      assertThat(f.failed()).isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1_000);
      assertThat(dead.available()).isFalse();
      assertThat(c.acquire("k", 1, -1, -1, null).failed()).as("skipped while the breaker is open").isTrue();
      assertThat(await(dead.ping())).isFalse();
    } finally {
      dead.close();
    }
  }
}
