package dev.tollgate.gateway.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code max_budget_in_team} over HTTP against a real database: set through {@code /team/member_add} and
 * {@code /team/member_update}, stored as the membership's budget row, enforced per request from the entity cache with
 * LiteLLM's message, and fed by the spend writer ({@code tg_team_members.spend}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TeamMemberBudgetsContract {
  static final String MASTER = RunningGateway.MASTER_KEY;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private TestDatabase db;
  private RunningGateway gw;

  abstract TestDatabase newDatabase();

  abstract String name();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    gw = RunningGateway.start("/budgets/budgets-config.yaml", db.url());
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

  String id(String base) {
    return base + "-" + name();
  }

  HttpResponse<String> post(String path, String body) {
    return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("authorization", "Bearer " + MASTER).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  JsonNode ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> chat(String key) {
    String body = "{\"model\": \"mock-priced\", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}";
    return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(gw.url("/v1/chat/completions")))
        .header("authorization", "Bearer " + key).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  /** A team with {@code user} as a member (budget {@code budget}, or none when null) and a key of that user there. */
  String teamKey(String team, String user, Double budget) {
    ok(post("/team/new", "{\"team_id\": \"" + team + "\"}"));
    ok(post("/team/member_add", "{\"team_id\": \"" + team + "\", \"member\": {\"role\": \"user\", \"user_id\": \""
        + user + "\"}" + (budget == null ? "" : ", \"max_budget_in_team\": " + budget) + "}"));
    return ok(post("/key/generate", "{\"team_id\": \"" + team + "\", \"user_id\": \"" + user + "\"}"))
        .get("key").asText();
  }

  double memberSpend(String team, String user) {
    return gw.controlPlane().database().inline(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT spend FROM tg_team_members WHERE team_id = ? AND user_id = ?")) {
        s.setString(1, team);
        s.setString(2, user);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? r.getDouble(1) : -1.0;
        }
      }
    });
  }

  @Test
  void memberAddStoresTheBudgetAsTheMembershipsBudgetRow() {
    String team = id("mb-stored");
    String user = id("mb-stored-user");
    ok(post("/team/new", "{\"team_id\": \"" + team + "\"}"));
    JsonNode added = ok(post("/team/member_add", "{\"team_id\": \"" + team + "\", \"member\": {\"role\": \"user\", "
        + "\"user_id\": \"" + user + "\"}, \"max_budget_in_team\": 2.5}"));
    JsonNode m = added.get("updated_team_memberships").get(0);
    assertThat(m.get("budget_id").asText()).isNotEmpty();
    assertThat(m.get("litellm_budget_table").get("max_budget").asDouble()).isEqualTo(2.5);
    JsonNode updated = ok(post("/team/member_update", "{\"team_id\": \"" + team + "\", \"user_id\": \"" + user
        + "\", \"max_budget_in_team\": 4.0}"));
    assertThat(updated.get("max_budget_in_team").asDouble()).isEqualTo(4.0);
    assertThat(updated.get("role").asText()).isEqualTo("user"); // unchanged when not given
    JsonNode budget = ok(post("/budget/info", "{\"budgets\": [\"" + m.get("budget_id").asText() + "\"]}"));
    assertThat(budget.get(0).get("max_budget").asDouble()).isEqualTo(4.0); // the same row, updated
  }

  @Test
  void aNegativeOrNonNumericBudgetIsA400() {
    String team = id("mb-bad");
    ok(post("/team/new", "{\"team_id\": \"" + team + "\"}"));
    for (String v : new String[] {"-1", "\"ten\""}) {
      HttpResponse<String> r = post("/team/member_add", "{\"team_id\": \"" + team + "\", \"member\": {\"role\": "
          + "\"user\", \"user_id\": \"u\"}, \"max_budget_in_team\": " + v + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).contains("max_budget_in_team");
    }
  }

  @Test
  void aMemberAtItsTeamBudgetIsRefusedWithLiteLlmsMessageAndOtherMembersAreNot() {
    String team = id("mb-enforced");
    String user = id("mb-enforced-user");
    String other = id("mb-enforced-other");
    String key = teamKey(team, user, 0.0000001);
    ok(post("/team/member_add", "{\"team_id\": \"" + team + "\", \"member\": {\"role\": \"user\", \"user_id\": \""
        + other + "\"}}"));
    String otherKey = ok(post("/key/generate", "{\"team_id\": \"" + team + "\", \"user_id\": \"" + other + "\"}"))
        .get("key").asText();
    assertThat(chat(key).statusCode()).isEqualTo(200);
    // the spend is not written yet: the pending amount counts at once, no database read
    HttpResponse<String> refused = chat(key);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode error = Json.tree(refused.body().getBytes(StandardCharsets.UTF_8)).get("error");
    assertThat(error.get("type").asText()).isEqualTo("budget_exceeded");
    assertThat(error.get("message").asText()).startsWith("Budget has been exceeded! User=" + user + " in Team="
        + team + " Current cost: ").endsWith(", Max budget: 1.0E-7");
    assertThat(chat(otherKey).statusCode()).isEqualTo(200);
    assertThat(memberSpend(team, user)).isEqualTo(0.0);
    gw.controlPlane().spend().flush();
    assertThat(memberSpend(team, user)).isGreaterThan(0.0000001);
    assertThat(memberSpend(team, other)).isGreaterThan(0.0);
    assertThat(chat(key).statusCode()).as("the reloaded membership carries the written spend").isEqualTo(400);
  }

  @Test
  void raisingTheBudgetThroughMemberUpdateTakesEffectAtOnce() {
    String team = id("mb-raised");
    String user = id("mb-raised-user");
    String key = teamKey(team, user, 0.0);
    HttpResponse<String> refused = chat(key);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("Current cost: 0.0, Max budget: 0.0");
    ok(post("/team/member_update", "{\"team_id\": \"" + team + "\", \"user_id\": \"" + user
        + "\", \"max_budget_in_team\": 100}"));
    assertThat(chat(key).statusCode()).isEqualTo(200);
  }

  @Test
  void aMemberWithoutABudgetIsNotLimitedButItsSpendIsCounted() {
    String team = id("mb-none");
    String user = id("mb-none-user");
    String key = teamKey(team, user, null);
    assertThat(chat(key).statusCode()).isEqualTo(200);
    assertThat(chat(key).statusCode()).isEqualTo(200);
    gw.controlPlane().spend().flush();
    assertThat(memberSpend(team, user)).isGreaterThan(0.0);
  }
}
