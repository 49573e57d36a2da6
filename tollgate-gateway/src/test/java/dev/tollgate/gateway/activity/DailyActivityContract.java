package dev.tollgate.gateway.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.Keys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the daily-activity endpoints answer, over the calls of {@code activity/calls.json}, read by the master key:
 * totals per day (newest first) and for the answer, the breakdowns by model, model group, provider, endpoint, key and
 * entity with their names, paging that neither overlaps nor skips, the date range, the model / key / entity filters,
 * the aggregated variants, and a 400 naming the parameter for bad input. Run once per database by the subclasses.
 */
abstract class DailyActivityContract extends ActivityFixture {
  private static final double EPS = 1e-9;

  private JsonNode admin(String pathAndQuery) {
    return ok(pathAndQuery, MASTER);
  }

  private static JsonNode day(JsonNode answer, String date) {
    for (JsonNode d : answer.get("results")) {
      if (d.get("date").asText().equals(date)) {
        return d;
      }
    }
    throw new AssertionError("no day " + date + " in " + answer);
  }

  private static List<String> dates(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer.get("results").forEach(d -> out.add(d.get("date").asText()));
    return out;
  }

  @Test
  void aUsersTotalsPerDayNewestFirstWithTheAnswersTotalsAndOnePage() {
    JsonNode a = admin("/user/daily/activity?" + RANGE + "&user_id=alice");
    assertThat(dates(a)).containsExactly("2025-03-03", "2025-03-01"); // no call on the 2nd
    JsonNode first = day(a, "2025-03-01").get("metrics");
    assertThat(first.get("spend").asDouble()).isCloseTo(0.55, within(EPS));
    assertThat(first.get("prompt_tokens").asLong()).isEqualTo(110);
    assertThat(first.get("completion_tokens").asLong()).isEqualTo(55);
    assertThat(first.get("total_tokens").asLong()).isEqualTo(165);
    assertThat(first.get("cache_read_input_tokens").asLong()).isEqualTo(4);
    assertThat(first.get("cache_creation_input_tokens").asLong()).isEqualTo(2);
    assertThat(first.get("api_requests").asLong()).isEqualTo(3);
    assertThat(first.get("successful_requests").asLong()).isEqualTo(2);
    assertThat(first.get("failed_requests").asLong()).isEqualTo(1);
    JsonNode meta = a.get("metadata");
    assertThat(meta.get("total_spend").asDouble()).isCloseTo(1.0, within(EPS));
    assertThat(meta.get("total_prompt_tokens").asLong()).isEqualTo(180);
    assertThat(meta.get("total_completion_tokens").asLong()).isEqualTo(75);
    assertThat(meta.get("total_tokens").asLong()).isEqualTo(255);
    assertThat(meta.get("total_api_requests").asLong()).isEqualTo(5);
    assertThat(meta.get("total_successful_requests").asLong()).isEqualTo(4);
    assertThat(meta.get("total_failed_requests").asLong()).isEqualTo(1);
    assertThat(meta.get("total_cache_read_input_tokens").asLong()).isEqualTo(4);
    assertThat(meta.get("page").asInt()).isEqualTo(1);
    assertThat(meta.get("total_pages").asInt()).isEqualTo(1);
    assertThat(meta.get("has_more").asBoolean()).isFalse();
  }

  @Test
  void theBreakdownsNameModelsGroupsProvidersEndpointsKeysAndUsers() {
    JsonNode all = admin("/user/daily/activity?" + RANGE + "&page_size=100");
    assertThat(all.at("/metadata/total_spend").asDouble()).isCloseTo(2.1, within(EPS));
    assertThat(all.at("/metadata/total_api_requests").asLong()).isEqualTo(7);

    JsonNode first = day(all, "2025-03-01").get("breakdown");
    assertThat(first.at("/models/gpt-4o/metrics/spend").asDouble()).isCloseTo(0.5, within(EPS));
    assertThat(first.at("/models/gpt-4o/metrics/api_requests").asLong()).isEqualTo(2);
    assertThat(first.at("/models/claude-3/metrics/spend").asDouble()).isCloseTo(0.05, within(EPS));
    assertThat(first.at("/model_groups/mock-priced/metrics/failed_requests").asLong()).isEqualTo(1);
    assertThat(first.at("/model_groups/mock-cheap/metrics/cache_read_input_tokens").asLong()).isEqualTo(4);
    assertThat(names(first.get("providers"))).containsExactlyInAnyOrder("openai", "anthropic");
    assertThat(first.get("mcp_servers").isEmpty()).isTrue();
    String alice = Keys.hash(ALICE);
    assertThat(first.at("/models/gpt-4o/api_key_breakdown/" + alice + "/metrics/spend").asDouble())
        .isCloseTo(0.5, within(EPS));
    JsonNode key = first.at("/api_keys/" + alice);
    assertThat(key.at("/metrics/api_requests").asLong()).isEqualTo(2);
    assertThat(key.at("/metadata/key_alias").asText()).isEqualTo("alice-key");
    assertThat(key.at("/metadata/team_id").asText()).isEqualTo("team-a");
    assertThat(key.at("/metadata/user_id").asText()).isEqualTo("alice");
    assertThat(key.at("/metadata/user_email").asText()).isEqualTo("alice@example.com");
    assertThat(key.at("/metadata/key_exists").asBoolean()).isTrue();
    assertThat(first.at("/entities/alice/metadata/user_email").asText()).isEqualTo("alice@example.com");
    assertThat(first.at("/entities/alice/api_key_breakdown/" + alice + "/metrics/spend").asDouble())
        .isCloseTo(0.5, within(EPS));

    JsonNode third = day(all, "2025-03-03").get("breakdown");
    assertThat(names(third.get("endpoints"))).containsExactlyInAnyOrder("/embeddings", "/v1/messages");
    assertThat(third.at("/endpoints/~1embeddings/metrics/spend").asDouble()).isCloseTo(0.25, within(EPS));
    JsonNode gone = third.at("/api_keys/" + Keys.hash(ALICE_GONE) + "/metadata");
    assertThat(gone.get("key_exists").asBoolean()).isFalse(); // a deleted key keeps its numbers, loses its name
    assertThat(gone.get("key_alias").isNull()).isTrue();

    // the master key's calls have no user: they count under "Unassigned", so the users add up to every call
    JsonNode second = day(all, "2025-03-02").get("breakdown");
    assertThat(names(second.get("entities"))).containsExactlyInAnyOrder("bob", "Unassigned");
    assertThat(second.at("/entities/Unassigned/metrics/spend").asDouble()).isCloseTo(0.1, within(EPS));
    assertThat(second.at("/api_keys/" + Keys.hash(MASTER) + "/metadata/key_exists").asBoolean()).isFalse();
  }

  @Test
  void twoModelGroupsOfOneUpstreamModelStayApart() {
    JsonNode d = day(admin("/user/daily/activity?start_date=2025-04-01&end_date=2025-04-01&user_id=bob"),
        "2025-04-01").get("breakdown");
    assertThat(names(d.get("model_groups"))).containsExactlyInAnyOrder("mock-priced", "gpt-alias");
    assertThat(d.at("/model_groups/gpt-alias/metrics/spend").asDouble()).isCloseTo(0.03, within(EPS));
    assertThat(d.at("/model_groups/mock-priced/metrics/spend").asDouble()).isCloseTo(0.3, within(EPS));
    assertThat(d.at("/models/gpt-4o/metrics/api_requests").asLong()).isEqualTo(2);
  }

  @Test
  void theAggregatedAnswerIsEveryPageAtOnce() {
    JsonNode aggregated = admin("/user/daily/activity/aggregated?" + RANGE);
    JsonNode paged = admin("/user/daily/activity?" + RANGE + "&page_size=100");
    assertThat(aggregated.at("/metadata/total_spend").asDouble()).isCloseTo(2.1, within(EPS));
    assertThat(aggregated.at("/metadata/total_pages").asInt()).isEqualTo(1);
    assertThat(aggregated.at("/metadata/has_more").asBoolean()).isFalse();
    assertThat(dates(aggregated)).containsExactly("2025-03-03", "2025-03-02", "2025-03-01");
    for (String date : dates(paged)) {
      JsonNode a = day(aggregated, date);
      JsonNode p = day(paged, date);
      assertThat(a.get("metrics")).isEqualTo(p.get("metrics"));
      assertThat(a.at("/breakdown/api_keys")).isEqualTo(p.at("/breakdown/api_keys"));
      assertThat(names(a.at("/breakdown/model_groups")))
          .containsExactlyInAnyOrderElementsOf(names(p.at("/breakdown/model_groups")));
      assertThat(a.at("/breakdown/entities").isEmpty()).isTrue(); // users: no per-entity split, as LiteLLM
    }
  }

  @Test
  void pagesSplitTheRowsWithoutOverlapAndAddUpToTheRange() {
    double spend = 0;
    long requests = 0;
    List<String> days = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      JsonNode p = admin("/user/daily/activity?" + RANGE + "&page_size=2&page=" + page);
      assertThat(p.at("/metadata/page").asInt()).isEqualTo(page);
      assertThat(p.at("/metadata/total_pages").asInt()).isEqualTo(3); // six rows
      assertThat(p.at("/metadata/has_more").asBoolean()).isEqualTo(page < 3);
      spend += p.at("/metadata/total_spend").asDouble();
      requests += p.at("/metadata/total_api_requests").asLong();
      days.addAll(dates(p));
    }
    assertThat(spend).isCloseTo(2.1, within(EPS));
    assertThat(requests).isEqualTo(7);
    assertThat(days).containsExactly("2025-03-03", "2025-03-02", "2025-03-01"); // newest rows first
    JsonNode past = admin("/user/daily/activity?" + RANGE + "&page_size=2&page=4");
    assertThat(past.get("results")).isEmpty();
    assertThat(past.at("/metadata/has_more").asBoolean()).isFalse();
  }

  @Test
  void theDateRangeIncludesBothEnds() {
    JsonNode one = admin("/user/daily/activity?start_date=2025-03-02&end_date=2025-03-02");
    assertThat(dates(one)).containsExactly("2025-03-02");
    assertThat(one.at("/metadata/total_spend").asDouble()).isCloseTo(1.1, within(EPS));
    JsonNode none = admin("/user/daily/activity?start_date=2025-02-01&end_date=2025-02-28");
    assertThat(none.get("results")).isEmpty();
    assertThat(none.at("/metadata/total_spend").asDouble()).isZero();
    assertThat(none.at("/metadata/total_pages").asInt()).isZero();
  }

  @ParameterizedTest
  @CsvSource({"mock-priced, 1.75, 4", "gpt-4o, 1.75, 4", "claude-3, 0.35, 3"})
  void aModelFilterMatchesThePublicNameOrTheDeploymentsModel(String model, double spend, long requests) {
    JsonNode m = admin("/user/daily/activity/aggregated?" + RANGE + "&model=" + model);
    assertThat(m.at("/metadata/total_spend").asDouble()).isCloseTo(spend, within(EPS));
    assertThat(m.at("/metadata/total_api_requests").asLong()).isEqualTo(requests);
  }

  @Test
  void anApiKeyFilterTakesTheKeyOrItsHash() {
    for (String key : List.of(ALICE, Keys.hash(ALICE))) {
      JsonNode k = admin("/user/daily/activity?" + RANGE + "&api_key=" + key);
      assertThat(k.at("/metadata/total_spend").asDouble()).isCloseTo(0.7, within(EPS));
      assertThat(k.at("/metadata/total_api_requests").asLong()).isEqualTo(3);
    }
  }

  @Test
  void teamsWithTheirAliasesFilteredAndExcluded() {
    JsonNode a = admin("/team/daily/activity?" + RANGE + "&team_ids=team-a");
    assertThat(a.at("/metadata/total_spend").asDouble()).isCloseTo(0.7, within(EPS));
    assertThat(day(a, "2025-03-01").at("/breakdown/entities/team-a/metadata/team_alias").asText())
        .isEqualTo("Team A");
    assertThat(admin("/team/daily/activity?" + RANGE).at("/metadata/total_spend").asDouble())
        .isCloseTo(1.7, within(EPS));
    assertThat(admin("/team/daily/activity?" + RANGE + "&exclude_team_ids=team-a").at("/metadata/total_spend")
        .asDouble()).isCloseTo(1.0, within(EPS));
    JsonNode both = admin("/team/daily/activity/aggregated?" + RANGE + "&team_ids=team-a,team-b");
    assertThat(both.at("/metadata/total_spend").asDouble()).isCloseTo(1.7, within(EPS));
    assertThat(day(both, "2025-03-02").at("/breakdown/entities/team-b/metrics/spend").asDouble())
        .isCloseTo(1.0, within(EPS));
    assertThat(day(both, "2025-03-02").at("/breakdown/entities/team-b/metadata/team_alias").asText())
        .isEqualTo("Team B");
  }

  @Test
  void organizationsCustomersAndTags() {
    JsonNode org = admin("/organization/daily/activity?" + RANGE + "&organization_ids=org-1");
    assertThat(org.at("/metadata/total_spend").asDouble()).isCloseTo(0.7, within(EPS));
    assertThat(day(org, "2025-03-03").at("/breakdown/entities/org-1/metadata/organization_alias").asText())
        .isEqualTo("Org One");

    JsonNode customers = admin("/customer/daily/activity?" + RANGE);
    assertThat(customers.at("/metadata/total_spend").asDouble()).isCloseTo(1.55, within(EPS));
    assertThat(day(customers, "2025-03-01").at("/breakdown/entities/cust-1/metadata/alias").asText())
        .isEqualTo("Customer One");
    assertThat(day(customers, "2025-03-01").at("/breakdown/entities/cust-1/metrics/api_requests").asLong())
        .isEqualTo(2);
    assertThat(admin("/end_user/daily/activity?" + RANGE)).isEqualTo(customers);
    assertThat(admin("/customer/daily/activity?" + RANGE + "&end_user_ids=cust-2").at("/metadata/total_spend")
        .asDouble()).isCloseTo(0.05, within(EPS));
    assertThat(admin("/customer/daily/activity?" + RANGE + "&exclude_end_user_ids=cust-1")
        .at("/metadata/total_spend").asDouble()).isCloseTo(0.05, within(EPS));

    JsonNode prod = admin("/tag/daily/activity?" + RANGE + "&tags=prod");
    assertThat(prod.at("/metadata/total_spend").asDouble()).isCloseTo(1.5, within(EPS));
    assertThat(prod.at("/metadata/total_api_requests").asLong()).isEqualTo(2);
    // a call with two tags counts under each
    assertThat(admin("/tag/daily/activity?" + RANGE).at("/metadata/total_spend").asDouble())
        .isCloseTo(2.5, within(EPS));
  }

  @ParameterizedTest
  @CsvSource({
      "'end_date=2025-03-03', start_date",
      "'start_date=2025-03-01', end_date",
      "'start_date=2025-3-1&end_date=2025-03-03', start_date",
      "'start_date=2025-03-01&end_date=03/03/2025', end_date",
      "'start_date=2025-03-03&end_date=2025-03-01', end_date",
      "'start_date=2025-03-01&end_date=2025-03-03&page=0', page",
      "'start_date=2025-03-01&end_date=2025-03-03&page_size=1001', page_size",
      "'start_date=2025-03-01&end_date=2025-03-03&page_size=ten', page_size",
      "'start_date=2025-03-01&end_date=2025-03-03&timezone=PST', timezone"})
  void badQueriesAreA400NamingTheParameter(String query, String param) {
    for (String path : List.of("/user/daily/activity", "/team/daily/activity", "/customer/daily/activity")) {
      JsonNode error = refused(path + "?" + query, MASTER, 400);
      assertThat(error.get("param").asText()).as(path + "?" + query).isEqualTo(param);
      assertThat(error.get("message").asText()).contains(param);
    }
  }
}
