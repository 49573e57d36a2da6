package dev.tollgate.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.RoutedChats;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.redis.RedisSettings;
import dev.tollgate.redis.TestRedis;
import dev.tollgate.testkit.Behavior;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateways sharing the router's state through the real Redis (a key prefix of their own): a deployment's rpm is
 * one budget for both, and a cooldown one instance starts is honoured by the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRouterStateTest {
  private static final String CONFIG = "/routing/shared-router-config.yaml";
  private TestDatabase db;
  private RedisSettings redis;
  private RunningGateway a;
  private RunningGateway b;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.sqlite();
    redis = TestRedis.settings();
    a = RunningGateway.startShared(CONFIG, db.url(), redis);
    b = RunningGateway.startShared(CONFIG, db.url(), redis);
  }

  @AfterAll
  void stop() throws Exception {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (db != null) {
      db.close();
    }
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      dev.tollgate.redis.SharedRedis cleanup = dev.tollgate.redis.SharedRedis.create(vertx, redis);
      TestRedis.deleteKeys(cleanup.client(), redis.keyPrefix());
      cleanup.close();
    } finally {
      vertx.close();
    }
  }

  @Test
  void aDeploymentsRpmIsOneBudgetForBothInstances() throws Exception {
    awayFromAMinuteBoundary();
    RoutedChats onA = new RoutedChats(a);
    RoutedChats onB = new RoutedChats(b);
    int ok = 0;
    int limited = 0;
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = (i % 2 == 0 ? onA : onB).chat("limited");
      if (r.statusCode() == 200) {
        ok++;
      } else {
        assertThat(r.statusCode()).as("request %d: %s", i + 1, r.body()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).isPresent();
        limited++;
      }
    }
    assertThat(onA.calls("limited-upstream") + onB.calls("limited-upstream")).isEqualTo(10);
    assertThat(ok).isEqualTo(10);
    assertThat(limited).isEqualTo(10);
  }

  @Test
  void aCooldownStartedByOneInstanceIsHonouredByTheOther() throws Exception {
    a.fake().script("shared-cool-a", Behavior.openAiError(500, "broken", "server_error", null));
    b.fake().script("shared-cool-a", Behavior.openAiError(500, "broken", "server_error", null));
    RoutedChats onA = new RoutedChats(a);
    RoutedChats onB = new RoutedChats(b);
    for (int i = 0; i < 40 && onA.calls("shared-cool-a") == 0; i++) {
      onA.chat("shared-cool");
    }
    assertThat(onA.calls("shared-cool-a")).isEqualTo(1);

    // the other instance learns of it through Redis (the contract allows about a second of lag)
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (b.gateway().settings().router().state().cooldownUntil("shared-cool-a") <= System.currentTimeMillis()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> r = onB.chat("shared-cool");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-litellm-model-id")).hasValue("shared-cool-b");
    }
    assertThat(onB.calls("shared-cool-a")).isZero();
  }

  /** The rpm window is the UTC minute: start the 20 requests where they cannot straddle two minutes. */
  private static void awayFromAMinuteBoundary() throws InterruptedException {
    long intoMinute = System.currentTimeMillis() % 60_000;
    if (intoMinute > 50_000) {
      Thread.sleep(60_000 - intoMinute + 100);
    }
  }
}
