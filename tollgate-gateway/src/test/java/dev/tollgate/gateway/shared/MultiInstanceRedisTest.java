package dev.tollgate.gateway.shared;

import static dev.tollgate.gateway.shared.MultiInstanceClient.chat;
import static dev.tollgate.gateway.shared.MultiInstanceClient.get;
import static dev.tollgate.gateway.shared.MultiInstanceClient.newKey;
import static dev.tollgate.gateway.shared.MultiInstanceClient.pollGetUntil;
import static dev.tollgate.gateway.shared.MultiInstanceClient.pollUntil;
import static dev.tollgate.gateway.shared.MultiInstanceClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.gateway.budgets.EntityKind;
import dev.tollgate.gateway.budgets.EntityRows;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.redis.TestRedis;
import dev.tollgate.providers.types.Json;
import dev.tollgate.redis.RedisSettings;
import dev.tollgate.testkit.Behavior;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateways in one JVM on one PostgreSQL schema and one Redis (a key prefix of their own): limits are counted
 * once for both, and a key changed on one is refused on the other within well under a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceRedisTest {
  private static final String CONFIG = "/gateway/fake-upstream-config.yaml";
  private TestDatabase db;
  private RedisSettings redis;
  private RunningGateway a;
  private RunningGateway b;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.postgres();
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
  void anRpmLimitIsCountedOnceAcrossInstances() {
    String key = newKey(a, "\"rpm_limit\": 4");
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = chat(i % 2 == 0 ? a : b, key, "mock");
      assertThat(r.statusCode()).as("request %d: %s", i + 1, r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).contains(Integer.toString(3 - i));
    }
    HttpResponse<String> fifth = chat(a, key, "mock");
    assertThat(fifth.statusCode()).isEqualTo(429);
    assertThat(fifth.headers().firstValue("retry-after").map(Long::parseLong).orElseThrow()).isBetween(1L, 60L);
    assertThat(fifth.headers().firstValue("x-ratelimit-limit-requests")).contains("4");
    assertThat(fifth.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
    assertThat(fifth.body()).contains("Limit type: requests. Current limit: 4, Remaining: 0.");
    assertThat(chat(b, key, "mock").statusCode()).isEqualTo(429);
  }

  @Test
  void aKeyDeletedOnOneInstanceIsRefusedOnTheOtherPromptly() throws Exception {
    String key = newKey(a, "\"key_alias\": \"multi-delete\"");
    assertThat(chat(b, key, "mock").statusCode()).as("cached on b").isEqualTo(200);
    assertThat(post(a, "/key/delete", RunningGateway.MASTER_KEY, "{\"key_aliases\": [\"multi-delete\"]}")
        .statusCode()).isEqualTo(200);
    long t0 = System.nanoTime();
    assertThat(pollUntil(b, key, 401, 2_000)).isEqualTo(401);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aKeyBlockedOnOneInstanceIsRefusedOnTheOtherAndUnblockedAgain() throws Exception {
    String key = newKey(a, "");
    assertThat(chat(b, key, "mock").statusCode()).isEqualTo(200);
    assertThat(post(a, "/key/block", RunningGateway.MASTER_KEY, "{\"key\": \"" + key + "\"}").statusCode())
        .isEqualTo(200);
    assertThat(pollUntil(b, key, 401, 2_000)).isEqualTo(401);
    assertThat(chat(b, key, "mock").body()).contains("Key is blocked");
    assertThat(post(b, "/key/unblock", RunningGateway.MASTER_KEY, "{\"key\": \"" + key + "\"}").statusCode())
        .isEqualTo(200);
    assertThat(pollUntil(a, key, 200, 2_000)).isEqualTo(200);
  }

  @Test
  void maxParallelRequestsHoldAcrossInstances() throws Exception {
    Behavior slow = Behavior.reply("slowly").delayed(Duration.ofMillis(1500));
    a.fake().script("multi-slow", slow);
    b.fake().script("multi-slow", slow);
    String key = newKey(a, "\"max_parallel_requests\": 1");
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> chat(a, key,
        "fake/multi-slow"));
    long deadline = System.currentTimeMillis() + 5000;
    while (a.fake().requests().stream().noneMatch(r -> r.bodyString().contains("multi-slow"))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    HttpResponse<String> second = chat(b, key, "mock");
    assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
    assertThat(second.body()).contains("Limit type: max_parallel_requests");
    assertThat(first.get().statusCode()).isEqualTo(200);
    assertThat(pollUntil(b, key, 200, 2_000)).as("the slot is given back in Redis").isEqualTo(200);
  }

  @Test
  void aTeamRpmLimitIsCountedOnceAcrossInstances() {
    new EntityRows(a.controlPlane()).team("multi-team-rpm", Map.of("rpm_limit", 2L));
    String k1 = newKey(a, "\"team_id\": \"multi-team-rpm\"");
    String k2 = newKey(b, "\"team_id\": \"multi-team-rpm\"");
    assertThat(chat(a, k1, "mock").statusCode()).isEqualTo(200);
    assertThat(chat(b, k2, "mock").statusCode()).isEqualTo(200);
    HttpResponse<String> third = chat(a, k2, "mock");
    assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
    assertThat(third.body()).contains("Rate limit exceeded for team: multi-team-rpm. Limit type: requests.");
  }

  @Test
  void aTeamChangedThroughOneInstanceIsSeenByTheOtherPromptly() throws Exception {
    EntityRows rows = new EntityRows(a.controlPlane());
    rows.team("multi-team-block", Map.of());
    String key = newKey(a, "\"team_id\": \"multi-team-block\"");
    assertThat(chat(b, key, "mock").statusCode()).as("team cached on b").isEqualTo(200);
    rows.set("tg_teams", "team_id", "multi-team-block", "blocked", true);
    a.controlPlane().entityCache().invalidate(EntityKind.TEAM, "multi-team-block");
    long t0 = System.nanoTime();
    assertThat(pollUntil(b, key, 401, 2_000)).isEqualTo(401);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    assertThat(chat(b, key, "mock").body()).contains("Team=multi-team-block is blocked");
  }

  @Test
  void aRoleChangedOnOneInstanceAppliesOnTheOtherPromptly() throws Exception {
    HttpResponse<String> created = post(a, "/user/new", RunningGateway.MASTER_KEY,
        "{\"user_id\": \"multi-role\", \"user_role\": \"internal_user\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String key = Json.tree(created.body().getBytes(StandardCharsets.UTF_8)).get("key").asText();
    assertThat(get(b, "/user/list", key).statusCode()).as("an internal user may not list users").isEqualTo(403);
    assertThat(post(a, "/user/update", RunningGateway.MASTER_KEY,
        "{\"user_id\": \"multi-role\", \"user_role\": \"proxy_admin_viewer\"}").statusCode()).isEqualTo(200);
    long t0 = System.nanoTime();
    assertThat(pollGetUntil(b, "/user/list", key, 200, 2_000)).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aTeamBlockedThroughOneInstanceLocksItsKeysOutOfEveryRouteOnTheOther() throws Exception {
    assertThat(post(a, "/team/new", RunningGateway.MASTER_KEY, "{\"team_id\": \"multi-team-api-block\"}")
        .statusCode()).isEqualTo(200);
    String key = newKey(a, "\"team_id\": \"multi-team-api-block\"");
    int before = get(b, "/key/list", key).statusCode();
    assertThat(before).isNotEqualTo(401);
    assertThat(post(a, "/team/block", RunningGateway.MASTER_KEY, "{\"team_id\": \"multi-team-api-block\"}")
        .statusCode()).isEqualTo(200);
    long t0 = System.nanoTime();
    assertThat(pollGetUntil(b, "/key/list", key, 401, 2_000)).isEqualTo(401);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    assertThat(get(b, "/key/list", key).body()).contains("Team=multi-team-api-block is blocked");
  }

  @Test
  void tenOfTwentyConcurrentRequestsPassAnRpmLimitOfTenAndTheSpendAddsUp() throws Exception {
    String key = newKey(a, "\"rpm_limit\": 10");
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      RunningGateway gw = i % 2 == 0 ? a : b;
      sent.add(CompletableFuture.supplyAsync(() -> chat(gw, key, "fake/gpt-4o")));
    }
    double costs = 0;
    int ok = 0;
    int limited = 0;
    for (CompletableFuture<HttpResponse<String>> f : sent) {
      HttpResponse<String> r = f.get();
      if (r.statusCode() == 200) {
        ok++;
        costs += Double.parseDouble(r.headers().firstValue("x-litellm-response-cost").orElseThrow());
      } else {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        limited++;
      }
    }
    assertThat(ok).isEqualTo(10);
    assertThat(limited).isEqualTo(10);
    assertThat(costs).isPositive();
    String hash = Keys.hash(key);
    double expected = costs;
    long deadline = System.currentTimeMillis() + 10_000;
    double stored;
    do {
      Thread.sleep(100);
      stored = a.controlPlane().database().inline(c -> {
        try (var s = c.prepareStatement("SELECT spend FROM tg_keys WHERE token = ?")) {
          s.setString(1, hash);
          try (var r = s.executeQuery()) {
            r.next();
            return r.getDouble(1);
          }
        }
      });
    } while (Math.abs(stored - expected) > 1e-9 && System.currentTimeMillis() < deadline);
    assertThat(stored).as("key spend written by both instances").isCloseTo(expected, within(1e-9));
  }
}
