package dev.tollgate.gateway.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Budgets, blocks, model lists and rate limits of users, teams, organizations and end users, end to end over HTTP
 * against a gateway on a real database; run once per database by the subclasses. The entity rows are written
 * straight into the database ({@link EntityRows}), as the management APIs will write them. Spend is written only when
 * a test flushes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BudgetsContract {
  static final String MASTER = RunningGateway.MASTER_KEY;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private TestDatabase db;
  private RunningGateway gw;
  private EntityRows rows;

  abstract TestDatabase newDatabase();

  abstract String name();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    gw = RunningGateway.start("/budgets/budgets-config.yaml", db.url());
    rows = new EntityRows(gw.controlPlane());
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

  @AfterEach
  void resetFake() {
    gw.fake().reset();
  }

  // ------------------------------------------------------------------ helpers

  /** A unique id for this database's run. */
  String id(String base) {
    return base + "-" + name();
  }

  HttpResponse<String> chat(String key, String model, String extra) {
    return CLIENT.sendAsync(request(key, model, extra), HttpResponse.BodyHandlers.ofString()).join();
  }

  CompletableFuture<HttpResponse<String>> chatAsync(String key, String model, String extra) {
    return CLIENT.sendAsync(request(key, model, extra), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String key, String model, String extra) {
    String body = "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]"
        + extra + "}";
    return HttpRequest.newBuilder(URI.create(gw.url("/v1/chat/completions")))
        .header("authorization", "Bearer " + key).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  HttpResponse<String> get(String path, String key) {
    return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(gw.url(path))).header("authorization", "Bearer " + key)
        .GET().build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  static JsonNode error(HttpResponse<String> r) {
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).get("error");
  }

  /** A new virtual key with these extra /key/generate fields; returns the plaintext key. */
  String newKey(String fields) {
    HttpResponse<String> r = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(gw.url("/key/generate")))
        .header("authorization", "Bearer " + MASTER).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{" + fields + "}")).build(),
        HttpResponse.BodyHandlers.ofString()).join();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).get("key").asText();
  }

  long count(String where) {
    return gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
          "SELECT COUNT(*) FROM tg_spend_logs WHERE " + where)) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  static void assertStatus(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
  }

  // ------------------------------------------------------------------ budgets

  @Test
  void aTeamOverBudgetRefusesEveryKeyOfTheTeamAndNoOtherTeam() {
    String team = id("team-over");
    String other = id("team-fine");
    rows.team(team, Map.of("max_budget", 1.0, "spend", 2.0));
    rows.team(other, Map.of("max_budget", 100.0));
    String k1 = newKey("\"team_id\": \"" + team + "\"");
    String k2 = newKey("\"team_id\": \"" + team + "\"");
    String k3 = newKey("\"team_id\": \"" + other + "\"");
    for (String k : List.of(k1, k2)) {
      HttpResponse<String> r = chat(k, "mock-priced", "");
      assertStatus(r, 400);
      assertThat(error(r).get("type").asText()).isEqualTo("budget_exceeded");
      assertThat(error(r).get("message").asText())
          .isEqualTo("Budget has been exceeded! Team=" + team + " Current cost: 2.0, Max budget: 1.0");
    }
    assertStatus(chat(k3, "mock-priced", ""), 200);
    // the refusals are recorded as failure rows, as LiteLLM logs failed requests
    gw.controlPlane().spend().flush();
    assertThat(count("api_key = '" + Keys.hash(k1) + "' AND status = 'failure' AND spend = 0")).isEqualTo(1);
  }

  @Test
  void aTeamExactlyAtItsBudgetIsStillServedAsInLiteLlm() {
    String team = id("team-at-budget");
    rows.team(team, Map.of("max_budget", 1.0, "spend", 1.0));
    assertStatus(chat(newKey("\"team_id\": \"" + team + "\""), "mock-free", ""), 200);
  }

  @Test
  void spendNotYetWrittenCountsAgainstTheTeamBudget() {
    String team = id("team-pending");
    rows.team(team, Map.of("max_budget", 0.0000001));
    String key = newKey("\"team_id\": \"" + team + "\"");
    assertStatus(chat(key, "mock-priced", ""), 200);
    HttpResponse<String> second = chat(key, "mock-priced", "");
    assertStatus(second, 400);
    assertThat(error(second).get("message").asText()).startsWith("Budget has been exceeded! Team=" + team);
    assertThat(rows.spend("tg_teams", "team_id", team)).as("nothing written yet").isEqualTo(0.0);
    gw.controlPlane().spend().flush();
    assertThat(rows.spend("tg_teams", "team_id", team)).isGreaterThan(0.0000001);
    assertStatus(chat(key, "mock-priced", ""), 400); // the reloaded row carries the written spend
  }

  @Test
  void aUserBudgetRefusesThePersonalKeyButNotATeamKey() {
    String user = id("user-over");
    String team = id("team-of-user");
    rows.user(user, Map.of("max_budget", 1.0, "spend", 5.0));
    rows.team(team, Map.of());
    String personal = newKey("\"user_id\": \"" + user + "\"");
    String teamKey = newKey("\"user_id\": \"" + user + "\", \"team_id\": \"" + team + "\"");
    HttpResponse<String> r = chat(personal, "mock-priced", "");
    assertStatus(r, 400);
    assertThat(error(r).get("type").asText()).isEqualTo("budget_exceeded");
    assertThat(error(r).get("message").asText())
        .isEqualTo("ExceededBudget: User=" + user + " over budget. Spend=5.0, Budget=1.0");
    assertStatus(chat(teamKey, "mock-priced", ""), 200); // LiteLLM: a team key spends the team's budget
  }

  @Test
  void anEndUserOverItsBudgetRowIsRefusedWhoeverCalls() {
    String budget = id("budget-cust");
    String customer = id("cust-over");
    rows.budget(budget, Map.of("max_budget", 0.5));
    rows.endUser(customer, Map.of("budget_id", budget, "spend", 1.0));
    String key = newKey("");
    String expected = "ExceededBudget: End User=" + customer + " over budget. Spend=1.0, Budget=0.5";
    for (String caller : List.of(key, MASTER)) {
      HttpResponse<String> r = chat(caller, "mock-priced", ", \"user\": \"" + customer + "\"");
      assertStatus(r, 400);
      assertThat(error(r).get("type").asText()).isEqualTo("budget_exceeded");
      assertThat(error(r).get("message").asText()).isEqualTo(expected);
    }
    assertStatus(chat(key, "mock-priced", ", \"user\": \"" + id("cust-unknown") + "\""), 200);
    assertStatus(chat(key, "mock-priced", ""), 200);
  }

  @Test
  void endUserSpendIsCountedAndWritten() {
    String budget = id("budget-cust-pending");
    String customer = id("cust-pending");
    rows.budget(budget, Map.of("max_budget", 0.0000001));
    rows.endUser(customer, Map.of("budget_id", budget));
    String key = newKey("");
    assertStatus(chat(key, "mock-priced", ", \"user\": \"" + customer + "\""), 200);
    assertStatus(chat(key, "mock-priced", ", \"user\": \"" + customer + "\""), 400);
    gw.controlPlane().spend().flush();
    assertThat(rows.spend("tg_end_users", "user_id", customer)).isGreaterThan(0.0000001);
  }

  @Test
  void anOrganizationOverItsBudgetRefusesItsKeys() {
    String budget = id("budget-org");
    String org = id("org-over");
    rows.budget(budget, Map.of("max_budget", 1.0));
    rows.organization(org, Map.of("budget_id", budget, "spend", 3.0));
    String key = newKey("\"organization_id\": \"" + org + "\"");
    HttpResponse<String> r = chat(key, "mock-priced", "");
    assertStatus(r, 400);
    assertThat(error(r).get("type").asText()).isEqualTo("budget_exceeded");
    assertThat(error(r).get("message").asText())
        .isEqualTo("Budget has been exceeded! Organization=" + org + " Current cost: 3.0, Max budget: 1.0");
  }

  @Test
  void aTeamsOrganizationBudgetAppliesToTheTeamsKeys() {
    String budget = id("budget-team-org");
    String org = id("org-of-team");
    String team = id("team-in-org");
    rows.budget(budget, Map.of("max_budget", 1.0));
    rows.organization(org, Map.of("budget_id", budget, "spend", 1.5));
    rows.team(team, Map.of("organization_id", org));
    HttpResponse<String> r = chat(newKey("\"team_id\": \"" + team + "\""), "mock-priced", "");
    assertStatus(r, 400);
    assertThat(error(r).get("message").asText()).startsWith("Budget has been exceeded! Organization=" + org);
  }

  @Test
  void embeddingsAreCheckedLikeChat() {
    String team = id("team-embed");
    rows.team(team, Map.of("max_budget", 1.0, "spend", 1.5));
    String key = newKey("\"team_id\": \"" + team + "\"");
    HttpResponse<String> r = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(gw.url("/v1/embeddings")))
        .header("authorization", "Bearer " + key).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"mock-free\", \"input\": \"hello\"}")).build(),
        HttpResponse.BodyHandlers.ofString()).join();
    assertStatus(r, 400);
    assertThat(error(r).get("message").asText())
        .isEqualTo("Budget has been exceeded! Team=" + team + " Current cost: 1.5, Max budget: 1.0");
  }

  @Test
  void aBlockedTeamIsRefusedUntilTheCacheIsToldItIsUnblocked() {
    String team = id("team-blocked");
    rows.team(team, Map.of("blocked", true));
    String key = newKey("\"team_id\": \"" + team + "\"");
    HttpResponse<String> r = chat(key, "mock-free", "");
    assertStatus(r, 401);
    assertThat(error(r).get("type").asText()).isEqualTo("auth_error");
    assertThat(error(r).get("message").asText()).isEqualTo("Authentication Error, Team=" + team
        + " is blocked. Update via `/team/unblock` if you're an admin.");
    rows.set("tg_teams", "team_id", team, "blocked", false);
    long lookups = gw.controlPlane().entityCache().store().lookups();
    assertStatus(chat(key, "mock-free", ""), 401); // cached: no database read per request
    assertThat(gw.controlPlane().entityCache().store().lookups()).isEqualTo(lookups);
    gw.controlPlane().entityCache().invalidate(EntityKind.TEAM, team);
    assertStatus(chat(key, "mock-free", ""), 200);
  }

  @Test
  void aBlockedEndUserIsRefused() {
    String customer = id("cust-blocked");
    rows.endUser(customer, Map.of("blocked", true));
    HttpResponse<String> r = chat(newKey(""), "mock-free", ", \"user\": \"" + customer + "\"");
    assertStatus(r, 400);
    assertThat(error(r).get("message").asText()).isEqualTo("User blocked from making LLM API Calls. User=" + customer);
    assertThat(error(r).get("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void theTeamsModelsRestrictItsKeys() {
    String team = id("team-models");
    rows.team(team, Map.of("models", "[\"mock-free\"]"));
    String plain = newKey("\"team_id\": \"" + team + "\"");
    String allTeam = newKey("\"team_id\": \"" + team + "\", \"models\": [\"all-team-models\"]");
    for (String key : List.of(plain, allTeam)) {
      assertStatus(chat(key, "mock-free", ""), 200);
      HttpResponse<String> r = chat(key, "mock-priced", "");
      assertStatus(r, 401);
      assertThat(error(r).get("type").asText()).isEqualTo("team_model_access_denied");
      assertThat(error(r).get("message").asText()).isEqualTo("Team not allowed to access model. Team=" + team
          + ", Model=mock-priced. Allowed team models = ['mock-free']");
    }
  }

  @Test
  void aTeamKeySeesOnlyItsTeamsModelsInTheModelList() throws Exception {
    String team = id("team-list");
    rows.team(team, Map.of("models", "[\"mock-free\"]"));
    String key = newKey("\"team_id\": \"" + team + "\"");
    HttpResponse<String> list = get("/v1/models", key);
    assertStatus(list, 200);
    List<String> ids = new java.util.ArrayList<>();
    Json.MAPPER.readTree(list.body()).path("data").forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids).containsExactly("mock-free");
    assertStatus(get("/v1/models/mock-free", key), 200);
    assertStatus(get("/v1/models/mock-priced", key), 404);
    HttpResponse<String> all = get("/v1/models", newKey(""));
    assertThat(all.body()).contains("mock-free").contains("mock-priced");
  }

  @Test
  void aSoftBudgetCrossingIsRecordedOncePerPeriod() {
    String team = id("team-soft");
    rows.team(team, Map.of("soft_budget", 0.5, "spend", 1.0));
    List<String> alerts = new CopyOnWriteArrayList<>();
    gw.controlPlane().softBudgets().addAlert((kind, id, spend, soft) -> alerts.add(kind + "=" + id + " " + spend
        + "/" + soft));
    String key = newKey("\"team_id\": \"" + team + "\"");
    assertStatus(chat(key, "mock-free", ""), 200);
    assertStatus(chat(key, "mock-free", ""), 200);
    assertThat(alerts).containsExactly("team=" + team + " 1.0/0.5");
  }

  // ------------------------------------------------------------------ rate limits

  @Test
  void aTeamRpmLimitIsSharedByTheTeamsKeys() {
    String team = id("team-rpm");
    String other = id("team-rpm-other");
    rows.team(team, Map.of("rpm_limit", 2L));
    rows.team(other, Map.of("rpm_limit", 2L));
    String k1 = newKey("\"team_id\": \"" + team + "\"");
    String k2 = newKey("\"team_id\": \"" + team + "\"");
    HttpResponse<String> first = chat(k1, "mock-free", "");
    assertStatus(first, 200);
    assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
    assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
    assertStatus(chat(k2, "mock-free", ""), 200);
    HttpResponse<String> third = chat(k1, "mock-free", "");
    assertStatus(third, 429);
    assertThat(error(third).get("message").asText())
        .startsWith("Rate limit exceeded for team: " + team + ". Limit type: requests. Current limit: 2, Remaining: 0.");
    assertThat(third.headers().firstValue("retry-after")).isPresent();
    assertThat(third.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
    assertStatus(chat(newKey("\"team_id\": \"" + other + "\""), "mock-free", ""), 200);
    gw.controlPlane().spend().flush();
    assertThat(count("api_key = '" + Keys.hash(k1) + "' AND status = 'failure'")).isEqualTo(1);
  }

  @Test
  void aUserRpmLimitCountsEveryKeyOfTheUser() {
    String user = id("user-rpm");
    rows.user(user, Map.of("rpm_limit", 1L));
    assertStatus(chat(newKey("\"user_id\": \"" + user + "\""), "mock-free", ""), 200);
    HttpResponse<String> r = chat(newKey("\"user_id\": \"" + user + "\""), "mock-free", "");
    assertStatus(r, 429);
    assertThat(error(r).get("message").asText())
        .startsWith("Rate limit exceeded for user: " + user + ". Limit type: requests. Current limit: 1");
  }

  @Test
  void theRateLimitHeadersShowTheTightestLimit() {
    String team = id("team-tight");
    rows.team(team, Map.of("rpm_limit", 2L));
    String key = newKey("\"team_id\": \"" + team + "\", \"rpm_limit\": 10");
    HttpResponse<String> r = chat(key, "mock-free", "");
    assertStatus(r, 200);
    assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
    assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
  }

  @Test
  void anEndUserRpmLimitComesFromItsBudgetRow() {
    String budget = id("budget-cust-rpm");
    String customer = id("cust-rpm");
    rows.budget(budget, Map.of("rpm_limit", 1L));
    rows.endUser(customer, Map.of("budget_id", budget));
    String key = newKey("");
    assertStatus(chat(key, "mock-free", ", \"user\": \"" + customer + "\""), 200);
    HttpResponse<String> r = chat(key, "mock-free", ", \"user\": \"" + customer + "\"");
    assertStatus(r, 429);
    assertThat(error(r).get("message").asText())
        .startsWith("Rate limit exceeded for end_user: " + customer + ". Limit type: requests.");
    assertStatus(chat(key, "mock-free", ", \"user\": \"" + id("cust-rpm-other") + "\""), 200);
  }

  @Test
  void aPerModelRpmLimitOnAKeyLeavesItsOtherModelsAlone() {
    String key = newKey("\"metadata\": {\"model_rpm_limit\": {\"mock-priced\": 1}}");
    assertStatus(chat(key, "mock-priced", ""), 200);
    HttpResponse<String> r = chat(key, "mock-priced", "");
    assertStatus(r, 429);
    assertThat(error(r).get("message").asText()).startsWith("Rate limit exceeded for model_per_key: "
        + Keys.hash(key) + ":mock-priced. Limit type: requests. Current limit: 1, Remaining: 0.");
    assertStatus(chat(key, "mock-free", ""), 200);
    assertStatus(chat(key, "mock-free", ""), 200);
  }

  @Test
  void theKeysOwnModelRpmLimitFieldIsEnforced() {
    String key = newKey("\"model_rpm_limit\": {\"mock-priced\": 1}, \"model_tpm_limit\": {\"mock-priced\": 100000}");
    assertStatus(chat(key, "mock-priced", ""), 200);
    HttpResponse<String> r = chat(key, "mock-priced", "");
    assertStatus(r, 429);
    assertThat(error(r).get("message").asText()).startsWith("Rate limit exceeded for model_per_key: "
        + Keys.hash(key) + ":mock-priced. Limit type: requests.");
    assertStatus(chat(key, "mock-free", ""), 200);
  }

  @Test
  void aTeamsPerModelRpmLimitCountsAllItsKeys() {
    String team = id("team-model-rpm");
    rows.team(team, Map.of("model_rpm_limit", "{\"mock-priced\": 1}"));
    assertStatus(chat(newKey("\"team_id\": \"" + team + "\""), "mock-priced", ""), 200);
    HttpResponse<String> r = chat(newKey("\"team_id\": \"" + team + "\""), "mock-priced", "");
    assertStatus(r, 429);
    assertThat(error(r).get("message").asText())
        .startsWith("Rate limit exceeded for model_per_team: " + team + ":mock-priced.");
    assertStatus(chat(newKey("\"team_id\": \"" + team + "\""), "mock-free", ""), 200);
  }

  @Test
  void aTeamParallelLimitHoldsAcrossItsKeys() {
    String team = id("team-parallel");
    rows.team(team, Map.of("max_parallel_requests", 1));
    gw.fake().script("slow-" + name(), Behavior.reply("slow answer").delayed(Duration.ofMillis(1500)));
    String k1 = newKey("\"team_id\": \"" + team + "\"");
    String k2 = newKey("\"team_id\": \"" + team + "\"");
    CompletableFuture<HttpResponse<String>> slow = chatAsync(k1, "fake/slow-" + name(), "");
    long deadline = System.currentTimeMillis() + 5000;
    while (gw.fake().requests().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    HttpResponse<String> refused = chat(k2, "mock-free", "");
    assertStatus(refused, 429);
    assertThat(error(refused).get("message").asText())
        .startsWith("Rate limit exceeded for team: " + team + ". Limit type: max_parallel_requests.");
    assertStatus(slow.join(), 200);
    assertStatus(chat(k2, "mock-free", ""), 200);
  }
}
