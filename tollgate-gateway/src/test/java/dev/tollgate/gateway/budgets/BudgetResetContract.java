package dev.tollgate.gateway.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * budget_duration resets end to end over HTTP against a gateway on a real database: the job is run by hand with a
 * clock past the key's {@code budget_reset_at} instead of waiting; run once per database by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BudgetResetContract {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private TestDatabase db;
  private RunningGateway gw;
  private Http http;

  abstract TestDatabase newDatabase();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    gw = RunningGateway.start("/budgets/budget-config.yaml", db.url());
    http = new Http(gw);
  }

  @AfterAll
  void stop() {
    if (gw != null) {
      gw.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private Reply chat(String key) {
    return http.post("/v1/chat/completions", key,
        "{\"model\": \"mock-priced\", \"messages\": [{\"role\": \"user\", \"content\": \"hello there\"}]}");
  }

  private Long resetAt(String table, String idColumn, String id) {
    return gw.controlPlane().database().inline(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT budget_reset_at FROM " + table + " WHERE " + idColumn + " = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          long v = r.getLong(1);
          return r.wasNull() ? null : v;
        }
      }
    });
  }

  @Test
  void aKeyOverItsBudgetWorksAgainRightAfterItsReset() {
    long before = System.currentTimeMillis();
    Reply generated = http.post("/key/generate", MASTER,
        "{\"max_budget\": 0.000001, \"budget_duration\": \"30s\"}");
    assertThat(generated.status()).isEqualTo(200);
    String key = generated.json().get("key").asText();
    Long resetAt = resetAt("tg_keys", "token", Keys.hash(key));
    assertThat(resetAt).isBetween(before + 30_000, System.currentTimeMillis() + 30_000);

    assertThat(chat(key).status()).isEqualTo(200);
    gw.controlPlane().spend().flush();
    Reply refused = chat(key);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error().get("type").asText()).isEqualTo("budget_exceeded");

    BudgetResets job = gw.controlPlane().budgetResets();
    assertThat(job.runOnce(resetAt - 1).keys()).isZero(); // not due yet
    assertThat(chat(key).status()).isEqualTo(400);
    long now = resetAt + 1_000;
    assertThat(job.runOnce(now).keys()).isEqualTo(1);
    assertThat(http.get("/key/info?key=" + key, MASTER).json().get("info").get("spend").asDouble()).isZero();

    Reply allowed = chat(key);
    assertThat(allowed.status()).as(allowed.json().toString()).isEqualTo(200);
    assertThat(resetAt("tg_keys", "token", Keys.hash(key))).isEqualTo(now + 30_000);
    assertThat(job.runOnce(now).keys()).isZero(); // the next reset is 30 s on
  }

  @Test
  void teamsUsersAndSharedBudgetsAreResetToo() {
    long now = System.currentTimeMillis();
    gw.controlPlane().database().inline(c -> {
      try (var s = c.createStatement()) {
        s.executeUpdate("INSERT INTO tg_teams (team_id, spend, budget_duration, budget_reset_at, created_at, "
            + "updated_at) VALUES ('team-r', 5, '1d', " + (now - 1) + ", " + now + ", " + now + ")");
        s.executeUpdate("INSERT INTO tg_users (user_id, spend, budget_duration, budget_reset_at, created_at, "
            + "updated_at) VALUES ('user-r', 7, '1mo', " + (now - 1) + ", " + now + ", " + now + ")");
        s.executeUpdate("INSERT INTO tg_budgets (budget_id, budget_duration, budget_reset_at, created_at, updated_at) "
            + "VALUES ('budget-r', '7d', " + (now - 1) + ", " + now + ", " + now + ")");
        s.executeUpdate("INSERT INTO tg_end_users (user_id, spend, budget_id, created_at, updated_at) "
            + "VALUES ('customer-r', 3, 'budget-r', " + now + ", " + now + ")");
        return null;
      }
    });
    BudgetResets.Result result = gw.controlPlane().budgetResets().runOnce(now);
    assertThat(result.teams()).isEqualTo(1);
    assertThat(result.users()).isEqualTo(1);
    assertThat(result.budgets()).isEqualTo(1);
    assertThat(spend("tg_teams", "team_id", "team-r")).isZero();
    assertThat(spend("tg_users", "user_id", "user-r")).isZero();
    assertThat(spend("tg_end_users", "user_id", "customer-r")).isZero();
    assertThat(resetAt("tg_teams", "team_id", "team-r")).isEqualTo(now + 86_400_000L);
    assertThat(resetAt("tg_budgets", "budget_id", "budget-r")).isEqualTo(now + 7 * 86_400_000L);
  }

  @Test
  void twoInstancesRunningTheJobTogetherResetEachRowOnce() throws Exception {
    long now = System.currentTimeMillis();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Reply r = http.post("/key/generate", MASTER, "{\"max_budget\": 1, \"budget_duration\": \"1h\"}");
      keys.add(Keys.hash(r.json().get("key").asText()));
    }
    long due = now + 3_600_000L + 60_000;
    int dueRows = gw.controlPlane().database().inline(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM tg_keys WHERE budget_reset_at <= ?")) {
        s.setLong(1, due);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getInt(1);
        }
      }
    });
    assertThat(dueRows).isGreaterThanOrEqualTo(keys.size());
    try (var other = dev.tollgate.gateway.store.Database.open(db.url())) {
      BudgetResets second = new BudgetResets(other, gw.controlPlane().keyCache(), () -> due);
      BudgetResets first = gw.controlPlane().budgetResets();
      var a = CompletableFuture.supplyAsync(() -> first.runOnce(due));
      var b = CompletableFuture.supplyAsync(second::runOnce);
      int total = a.get().keys() + b.get().keys();
      assertThat(total).isEqualTo(dueRows);
      for (String token : keys) {
        assertThat(resetAt("tg_keys", "token", token)).isEqualTo(due + 3_600_000L);
      }
      // every key made by this class is now reset past 'due', so no row can be reset twice in one window
      assertThat(first.runOnce(due).keys() + second.runOnce().keys()).isZero();
    }
  }

  @Test
  void theJobRunsOnItsOwnTimer() throws Exception {
    long now = System.currentTimeMillis();
    gw.controlPlane().database().inline(c -> {
      try (var s = c.createStatement()) {
        return s.executeUpdate("INSERT INTO tg_teams (team_id, spend, budget_duration, budget_reset_at, created_at, "
            + "updated_at) VALUES ('team-timer', 2, '36500d', 1000, " + now + ", " + now + ")");
      }
    });
    // a clock at 2000 ms after the epoch: only this row is due (and its next reset, in 2070, is not due for the rest)
    try (BudgetResets job = new BudgetResets(gw.controlPlane().database(), gw.controlPlane().keyCache(), () -> 2000L)) {
      job.start(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(40));
      for (int i = 0; i < 100 && resetAt("tg_teams", "team_id", "team-timer") == 1000L; i++) {
        Thread.sleep(50);
      }
    }
    assertThat(resetAt("tg_teams", "team_id", "team-timer")).isEqualTo(2000L + 36_500 * 86_400_000L);
    assertThat(spend("tg_teams", "team_id", "team-timer")).isZero();
  }

  private double spend(String table, String idColumn, String id) {
    return gw.controlPlane().database().inline(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT spend FROM " + table + " WHERE " + idColumn + " = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getDouble(1);
        }
      }
    });
  }
}
