package dev.tollgate.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing {@code model_max_budget} and the windows its periods cover. */
class ModelBudgetTest {
  private static final long NOW = Instant.parse("2026-03-15T13:45:00Z").toEpochMilli();

  private static Map<String, ModelBudget> parse(String json) {
    return ModelBudget.parse(Json.tree(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static long start(String period) {
    return new ModelBudget(1, period, false).windowStart(NOW);
  }

  @Test
  void periodsOfADayOrMoreAreWholeUtcDaysEndingToday() {
    assertThat(Instant.ofEpochMilli(start("1d"))).isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));
    assertThat(Instant.ofEpochMilli(start("30d"))).isEqualTo(Instant.parse("2026-02-14T00:00:00Z"));
    assertThat(Instant.ofEpochMilli(start("1w"))).isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
    assertThat(Instant.ofEpochMilli(start("1mo"))).isEqualTo(Instant.parse("2026-02-16T00:00:00Z"));
    assertThat(Instant.ofEpochMilli(start("36h"))).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
    assertThat(new ModelBudget(1, "1d", false).wholeDays(NOW)).isTrue();
  }

  @Test
  void shorterPeriodsAreExactRollingWindows() {
    assertThat(Instant.ofEpochMilli(start("1h"))).isEqualTo(Instant.parse("2026-03-15T12:45:00Z"));
    assertThat(Instant.ofEpochMilli(start("30m"))).isEqualTo(Instant.parse("2026-03-15T13:15:00Z"));
    assertThat(new ModelBudget(1, "23h", false).wholeDays(NOW)).isFalse();
  }

  @Test
  void litellmShapesParse() {
    assertThat(parse("{\"a\": {\"budget_limit\": 10.5, \"time_period\": \"30d\"}}"))
        .containsEntry("a", new ModelBudget(10.5, "30d", false));
    assertThat(parse("{\"a\": {\"max_budget\": \"2\", \"budget_duration\": \"1h\", \"tpm_limit\": 5}}"))
        .containsEntry("a", new ModelBudget(2, "1h", false));
    assertThat(parse("{\"a\": 3}")).containsEntry("a", new ModelBudget(3, "28d", true));
    assertThat(parse("null")).isEmpty();
    assertThat(parse("{}")).isEmpty();
  }

  @Test
  void theStoredFormRoundTrips() {
    Map<String, ModelBudget> budgets = parse("{\"a\": 3, \"b\": {\"max_budget\": 1, \"budget_duration\": \"1d\"}}");
    String stored = Json.writeString(ModelBudget.toJson(budgets));
    assertThat(stored).isEqualTo("{\"a\":3.0,\"b\":{\"budget_limit\":1.0,\"time_period\":\"1d\"}}");
    assertThat(parse(stored)).isEqualTo(budgets);
  }

  @Test
  void storedRowsSkipUnusableEntriesAsLitellmDoes() {
    Map<String, ModelBudget> stored = ModelBudget.parseStored(Json.tree(("{\"a\": {\"max_budget\": 1, "
        + "\"budget_duration\": null, \"tpm_limit\": null, \"rpm_limit\": null}, \"b\": {\"max_budget\": 2, "
        + "\"budget_duration\": \"1d\", \"tpm_limit\": null, \"rpm_limit\": null}}").getBytes(StandardCharsets.UTF_8)));
    assertThat(stored).containsOnlyKeys("b").containsEntry("b", new ModelBudget(2, "1d", false));
  }

  @Test
  void badShapesNameTheEntry() {
    assertThatThrownBy(() -> parse("{\"a\": {\"time_period\": \"1d\"}}")).hasMessageContaining("'a.budget_limit'");
    assertThatThrownBy(() -> parse("{\"a\": {\"budget_limit\": \"x\", \"time_period\": \"1d\"}}"))
        .hasMessageContaining("must be a number");
    assertThatThrownBy(() -> parse("{\"a\": true}")).hasMessageContaining("'a' must be");
    assertThatThrownBy(() -> parse("[]")).hasMessageContaining("must be an object");
  }
}
