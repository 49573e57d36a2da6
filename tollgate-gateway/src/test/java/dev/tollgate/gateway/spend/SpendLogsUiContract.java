package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /spend/logs/ui} and {@code /spend/logs/ui/{request_id}} over HTTP on a real database, after four calls:
 * two priced ones by a team key, a free one and a failed one ({@code mock_response} naming a rate-limit error) by a
 * key without a team. Run once per database by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpendLogsUiContract {
  static final String MASTER = RunningGateway.MASTER_KEY;
  TestDatabase db;
  RunningGateway gw;
  Http http;
  String teamKey;
  String loneKey;
  String range;

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
            + "('team-logs', 'Logs Team', " + now + ", " + now + ")");
      }
    });
    teamKey = http.post("/key/generate", MASTER, "{\"team_id\": \"team-logs\", \"key_alias\": \"logs-team-key\"}")
        .json().get("key").asText();
    loneKey = http.post("/key/generate", MASTER, "{}").json().get("key").asText();
    call(teamKey, "mock-priced", null, 200);
    call(teamKey, "mock-priced", null, 200);
    call(loneKey, "mock-free", null, 200);
    call(loneKey, "mock-priced", "litellm.RateLimitError", 429);
    gw.controlPlane().spend().flush();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    range = "start_date=" + enc(today + " 00:00:00") + "&end_date=" + enc(today + " 23:59:59");
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

  private void call(String key, String model, String mockResponse, int status) {
    Reply r = http.post("/v1/chat/completions", key, "{\"model\": \"" + model + "\", "
        + (mockResponse == null ? "" : "\"mock_response\": \"" + mockResponse + "\", \"num_retries\": 0, ")
        + "\"messages\": [{\"role\": \"user\", \"content\": \"logs page test\"}]}");
    assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  JsonNode page(String query) {
    Reply r = http.get("/spend/logs/ui?" + range + query, MASTER);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json();
  }

  /** The rows' start times as instants: their texts drop a zero fraction ("…:04Z" beside "…:04.001Z"). */
  private static List<java.time.Instant> times(JsonNode page) {
    List<java.time.Instant> out = new ArrayList<>();
    page.get("data").forEach(row -> out.add(java.time.Instant.parse(row.get("startTime").asText())));
    return out;
  }

  @Test
  void aPageIsNewestFirstWithLiteLlmsPagingFields() {
    JsonNode all = page("");
    assertThat(all.get("total").asLong()).isEqualTo(4);
    assertThat(all.get("page").asInt()).isEqualTo(1);
    assertThat(all.get("page_size").asInt()).isEqualTo(50);
    assertThat(all.get("total_pages").asInt()).isEqualTo(1);
    assertThat(times(all)).hasSize(4).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(times(page("&sort_order=asc"))).isSorted();

    JsonNode second = page("&page_size=3&page=2");
    assertThat(second.get("total").asLong()).isEqualTo(4);
    assertThat(second.get("total_pages").asInt()).isEqualTo(2);
    assertThat(second.get("data")).hasSize(1);
    assertThat(second.get("data").get(0).get("request_id").asText())
        .isEqualTo(all.get("data").get(3).get("request_id").asText());
    assertThat(page("&page=3&page_size=3").get("data")).isEmpty();
  }

  @Test
  void statusFilterFindsTheFailedCallWithItsError() {
    JsonNode failed = page("&status_filter=failure");
    assertThat(failed.get("total").asLong()).isEqualTo(1);
    JsonNode row = failed.get("data").get(0);
    assertThat(row.get("status").asText()).isEqualTo("failure");
    assertThat(row.get("api_key").asText()).isEqualTo(Keys.hash(loneKey));
    assertThat(row.at("/metadata/error_information/error_code").asText()).isEqualTo("429");
    assertThat(page("&status_filter=success").get("total").asLong()).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource({"key_alias=logs-team-key, 2", "key_alias=nobody, 0", "team_id=team-logs, 2", "model=mock-free, 1",
      "model=mock-priced, 3", "min_spend=0.0000001, 2", "max_spend=0, 2", "user_id=nobody, 0"})
  void filtersNarrowTheTotal(String filter, long total) {
    assertThat(page("&" + filter).get("total").asLong()).isEqualTo(total);
  }

  @Test
  void apiKeyFilterTakesTheKeyOrItsHash() {
    assertThat(page("&api_key=" + loneKey).get("total").asLong()).isEqualTo(2);
    assertThat(page("&api_key=" + Keys.hash(loneKey)).get("total").asLong()).isEqualTo(2);
    assertThat(page("&api_key=" + teamKey + "&status_filter=failure").get("total").asLong()).isZero();
  }

  @Test
  void aDayRangeOutsideTheCallsIsEmptyAndDatesAloneAreWholeDays() {
    Reply old = http.get("/spend/logs/ui?start_date=2020-01-01&end_date=2020-01-02", MASTER);
    assertThat(old.json().get("total").asLong()).isZero();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(http.get("/spend/logs/ui?start_date=" + today + "&end_date=" + today, MASTER).json().get("total")
        .asLong()).isEqualTo(4);
  }

  @Test
  void oneRowByRequestIdWithTheRoutersRetryCounts() {
    JsonNode listed = page("&status_filter=failure").get("data").get(0);
    Reply one = http.get("/spend/logs/ui/" + listed.get("request_id").asText(), MASTER);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("request_id")).isEqualTo(listed.get("request_id"));
    assertThat(one.json().at("/metadata/attempted_retries").isInt()).isTrue();
    assertThat(one.json().at("/metadata/attempted_fallbacks").asInt()).isZero();
    Reply missing = http.get("/spend/logs/ui/no-such-request", MASTER);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error().get("message").asText()).contains("no-such-request");
  }

  @ParameterizedTest
  @CsvSource({
      "'end_date=2024-01-31', start_date",
      "'start_date=2024-01-01', end_date",
      "'start_date=yesterday&end_date=2024-01-31', start_date",
      "'start_date=2024-02-01&end_date=2024-01-31', end_date",
      "'start_date=2024-01-01&end_date=2024-01-31&page=0', page",
      "'start_date=2024-01-01&end_date=2024-01-31&page_size=101', page_size",
      "'start_date=2024-01-01&end_date=2024-01-31&min_spend=cheap', min_spend",
      "'start_date=2024-01-01&end_date=2024-01-31&sort_by=spend', sort_by",
      "'start_date=2024-01-01&end_date=2024-01-31&error_code=429', error_code"})
  void badQueriesAreRefusedWithA400NamingTheParameter(String query, String param) {
    Reply r = http.get("/spend/logs/ui?" + query, MASTER);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(400);
    assertThat(r.error().get("param").asText()).isEqualTo(param);
  }

  @Test
  void onlyAdminsReadIt() {
    assertThat(http.get("/spend/logs/ui?" + range, teamKey).status()).isEqualTo(403);
    assertThat(http.get("/spend/logs/ui/anything", teamKey).status()).isEqualTo(403);
  }
}
