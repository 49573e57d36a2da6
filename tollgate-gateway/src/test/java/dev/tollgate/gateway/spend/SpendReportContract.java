package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /global/spend/report}, {@code /global/spend/keys} and {@code /global/spend/models} over HTTP against a
 * gateway on a real database, after priced calls by a team key and a key without a team for two end users; run once
 * per database by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpendReportContract {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private TestDatabase db;
  private RunningGateway gw;
  private Http http;
  private String teamKey;
  private String loneKey;
  private String today;

  abstract TestDatabase newDatabase();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    gw = RunningGateway.start("/spend/spend-config.yaml", db.url());
    http = new Http(gw);
    long now = System.currentTimeMillis();
    gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate("INSERT INTO tg_teams (team_id, team_alias, created_at, updated_at) VALUES "
            + "('team-rep', 'Prod Team', " + now + ", " + now + ")");
      }
    });
    teamKey = http.post("/key/generate", MASTER, "{\"team_id\": \"team-rep\"}").json().get("key").asText();
    loneKey = http.post("/key/generate", MASTER, "{}").json().get("key").asText();
    today = LocalDate.now(ZoneOffset.UTC).toString();
    call(teamKey, "cust-a", "a long question about the weather today");
    call(teamKey, "cust-a", "another question");
    call(loneKey, "cust-b", "hi");
    Reply tagged = http.post("/v1/chat/completions", loneKey, "{\"model\": \"mock-priced\", \"user\": \"cust-b\", "
        + "\"tags\": [\"prod\", \"beta\"], \"messages\": [{\"role\": \"user\", \"content\": \"tagged\"}]}");
    assertThat(tagged.status()).as(tagged.json().toString()).isEqualTo(200);
    gw.controlPlane().spend().flush();
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

  private void call(String key, String user, String text) {
    Reply r = http.post("/v1/chat/completions", key, "{\"model\": \"mock-priced\", \"user\": \"" + user
        + "\", \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}");
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
  }

  private double spendOf(String where) {
    return gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT SUM(spend) FROM tg_spend_logs WHERE " + where)) {
        r.next();
        return r.getDouble(1);
      }
    });
  }

  private JsonNode report(String query) {
    Reply r = http.get("/global/spend/report?start_date=" + today + "&end_date=" + today + query, MASTER);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json();
  }

  @Test
  void byTeamGroupsEachDayByTeamWithUnassignedSpendApart() {
    JsonNode days = report("&group_by=team");
    assertThat(days).hasSize(1);
    assertThat(days.get(0).get("group_by_day").asText()).isEqualTo(today + "T00:00:00+00:00");
    JsonNode teams = days.get(0).get("teams");
    assertThat(teams).hasSize(2);
    for (JsonNode team : teams) {
      String name = team.get("team_name").asText();
      String where = name.equals("Prod Team") ? "team_id = 'team-rep'" : "team_id IS NULL";
      assertThat(name).isIn("Prod Team", "Unassigned Team");
      assertThat(team.get("total_spend").asDouble()).isCloseTo(spendOf(where), within(1e-12)).isPositive();
      JsonNode meta = team.get("metadata").get(0);
      assertThat(meta.get("api_key").asText()).isEqualTo(Keys.hash(name.equals("Prod Team") ? teamKey : loneKey));
      assertThat(meta.get("total_tokens").asLong()).isPositive();
      assertThat(meta.has("model")).isTrue();
    }
    assertThat(report("")).isEqualTo(days); // team is the default grouping
  }

  @Test
  void teamEntriesCarryTheirIdAndEachMetadataRowItsRequestsProviderAndModelGroup() {
    JsonNode teams = report("&group_by=team").get(0).get("teams");
    long requests = 0;
    for (JsonNode team : teams) {
      assertThat(team.get("team_id").isNull()).isEqualTo(team.get("team_name").asText().equals("Unassigned Team"));
      for (JsonNode m : team.get("metadata")) {
        assertThat(m.get("model_group").asText()).isEqualTo("mock-priced");
        assertThat(m.get("custom_llm_provider").asText()).isEqualTo("mock");
        assertThat(m.get("failed_requests").asLong()).isZero();
        requests += m.get("api_requests").asLong();
      }
    }
    assertThat(requests).isEqualTo(4); // every call of setUp, each counted once
  }

  @Test
  void byTagGivesEachDaysSpendPerTagFromTheDailyAggregates() {
    JsonNode days = report("&group_by=tag");
    assertThat(days).hasSize(1);
    assertThat(days.get(0).get("group_by_day").asText()).isEqualTo(today + "T00:00:00+00:00");
    JsonNode tags = days.get(0).get("tags");
    assertThat(tags).extracting(t -> t.get("tag").asText()).containsExactlyInAnyOrder("beta", "prod");
    double tagged = spendOf("request_tags LIKE '%prod%'");
    for (JsonNode tag : tags) {
      assertThat(tag.get("total_spend").asDouble()).isCloseTo(tagged, within(1e-12)).isPositive();
      JsonNode m = tag.get("metadata").get(0);
      assertThat(m.get("api_requests").asLong()).isEqualTo(1);
      assertThat(m.get("api_key").asText()).isEqualTo(Keys.hash(loneKey));
      assertThat(m.get("model_group").asText()).isEqualTo("mock-priced");
    }
  }

  @Test
  void byApiKeyNamesTheKeysAliasAndCountsItsRequests() {
    http.post("/key/update", MASTER, "{\"key\": \"" + teamKey + "\", \"key_alias\": \"team-key-alias\"}");
    JsonNode keys = report("&group_by=api_key");
    assertThat(keys.get(0).get("key_alias").asText()).isEqualTo("team-key-alias");
    assertThat(keys.get(0).get("api_requests").asLong()).isEqualTo(2);
    assertThat(keys.get(1).get("key_alias").isNull()).isTrue();
    assertThat(keys.get(1).get("api_requests").asLong()).isEqualTo(2);
  }

  @Test
  void spendPerProvider() {
    Reply r = http.get("/global/spend/provider?start_date=" + today + "&end_date=" + today, MASTER);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    assertThat(r.json()).hasSize(1);
    assertThat(r.json().get(0).get("provider").asText()).isEqualTo("mock");
    assertThat(r.json().get(0).get("spend").asDouble()).isCloseTo(spendOf("1 = 1"), within(1e-12));
    assertThat(http.get("/global/spend/provider?start_date=2020-01-01&end_date=2020-01-02", MASTER).json())
        .isEmpty();
    Reply missing = http.get("/global/spend/provider?start_date=" + today, MASTER);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error().get("param").asText()).isEqualTo("end_date");
    assertThat(http.get("/global/spend/provider?start_date=" + today + "&end_date=" + today, teamKey).status())
        .isEqualTo(403);
  }

  @Test
  void byCustomerGroupsByEndUser() {
    JsonNode customers = report("&group_by=customer").get(0).get("customers");
    assertThat(customers).hasSize(2);
    for (JsonNode customer : customers) {
      String id = customer.get("customer").asText();
      assertThat(customer.get("total_spend").asDouble())
          .isCloseTo(spendOf("end_user = '" + id + "'"), within(1e-12));
    }
  }

  @Test
  void byApiKeyListsKeysMostSpentFirstWithModelDetails() {
    JsonNode keys = report("&group_by=api_key");
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0).get("api_key").asText()).isEqualTo(Keys.hash(teamKey));
    assertThat(keys.get(0).get("total_cost").asDouble())
        .isGreaterThan(keys.get(1).get("total_cost").asDouble());
    assertThat(keys.get(0).get("total_input_tokens").asLong()).isPositive();
    assertThat(keys.get(0).get("model_details").get(0).get("total_output_tokens").asLong()).isPositive();

    JsonNode one = report("&api_key=" + loneKey);
    assertThat(one).hasSize(1);
    assertThat(one.get(0).get("api_key").asText()).isEqualTo(Keys.hash(loneKey));
    assertThat(one.get(0).get("total_cost").asDouble()).isCloseTo(spendOf("api_key = '" + Keys.hash(loneKey) + "'"),
        within(1e-12));
  }

  @Test
  void daysOutsideTheRangeAreNotReported() {
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    Reply r = http.get("/global/spend/report?start_date=2020-01-01&end_date=" + yesterday, MASTER);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json()).isEmpty();
  }

  @Test
  void topKeysAndModels() {
    Reply keys = http.get("/global/spend/keys?limit=1", MASTER);
    assertThat(keys.status()).isEqualTo(200);
    assertThat(keys.json()).hasSize(1);
    assertThat(keys.json().get(0).get("api_key").asText()).isEqualTo(Keys.hash(teamKey));
    assertThat(http.get("/global/spend/keys", MASTER).json()).hasSize(2);
    assertThat(keys.json().get(0).get("total_spend").asDouble())
        .isCloseTo(spendOf("api_key = '" + Keys.hash(teamKey) + "'"), within(1e-12));
    Reply models = http.get("/global/spend/models", MASTER);
    assertThat(models.status()).isEqualTo(200);
    assertThat(models.json()).hasSize(1);
    assertThat(models.json().get(0).get("total_spend").asDouble()).isCloseTo(spendOf("1 = 1"), within(1e-12));
    assertThat(http.get("/global/spend/models?limit=0", MASTER).status()).isEqualTo(400);
  }

  @Test
  void teamsOverTheLast30Days() {
    Reply r = http.get("/global/spend/teams", MASTER);
    assertThat(r.status()).isEqualTo(200);
    JsonNode daily = r.json().get("daily_spend");
    assertThat(daily).hasSize(1);
    assertThat(daily.get(0).get("date").asText()).isEqualTo(today);
    assertThat(daily.get(0).has("Prod Team")).isTrue();
    assertThat(daily.get(0).has("Unassigned")).isTrue();
    assertThat(r.json().get("teams").toString()).contains("Prod Team", "Unassigned");
    assertThat(r.json().get("total_spend_per_team")).hasSize(2);
  }

  @ParameterizedTest
  @CsvSource({
      "'end_date=2024-01-31', start_date",
      "'start_date=2024-01-01', end_date",
      "'start_date=2024-13-01&end_date=2024-12-31', start_date",
      "'start_date=01/02/2024&end_date=2024-12-31', start_date",
      "'start_date=2024-02-01&end_date=2024-01-31', end_date",
      "'start_date=2024-01-01&end_date=2024-01-31&group_by=model_group', group_by"})
  void badQueriesAreRefusedWithA400(String query, String param) {
    Reply r = http.get("/global/spend/report?" + query, MASTER);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(400);
    assertThat(r.error().get("param").asText()).isEqualTo(param);
  }

  @Test
  void spendPerTag() {
    Reply all = http.get("/global/spend/tags?start_date=" + today + "&end_date=" + today, MASTER);
    assertThat(all.status()).as(all.json().toString()).isEqualTo(200);
    JsonNode tags = all.json().get("spend_per_tag");
    assertThat(tags).hasSize(2);
    double tagged = spendOf("request_tags LIKE '%prod%'");
    for (JsonNode tag : tags) {
      assertThat(tag.get("name").asText()).isIn("prod", "beta");
      assertThat(tag.get("log_count").asLong()).isEqualTo(1);
      assertThat(tag.get("spend").asDouble()).isCloseTo(Math.round(tagged * 10_000) / 10_000.0, within(1e-12));
    }
    JsonNode beta = http.get("/global/spend/tags?tags=beta", MASTER).json().get("spend_per_tag");
    assertThat(beta).hasSize(1);
    assertThat(beta.get(0).get("name").asText()).isEqualTo("beta");
    assertThat(http.get("/global/spend/tags?start_date=2020-01-01&end_date=2020-01-31", MASTER).json()
        .get("spend_per_tag")).isEmpty();
    assertThat(http.get("/global/spend/tags?start_date=yesterday", MASTER).status()).isEqualTo(400);
  }

  @Test
  void onlyTheMasterKeySeesReports() {
    Reply r = http.get("/global/spend/report?start_date=" + today + "&end_date=" + today, teamKey);
    assertThat(r.status()).isEqualTo(403);
    assertThat(http.get("/global/spend/keys", teamKey).status()).isEqualTo(403);
  }
}
