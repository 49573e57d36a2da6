package dev.tollgate.gateway.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a key's {@code model_max_budget}: the most the key may spend on one model group within a rolling
 * window. LiteLLM's shape is {@code {"gpt-4o": {"budget_limit": 10.0, "time_period": "30d"}}} (its
 * {@code BudgetConfig} also takes {@code max_budget} / {@code budget_duration}); LiteLLM before the
 * {@code BudgetConfig} shape took a bare number ({@code {"gpt-4o": 10.0}}) and summed the model's spend logs of the
 * last 28 days, which is what a {@link #legacy} entry means here.
 *
 * <p><b>Windows.</b> A period of a day or more covers whole UTC days: today and the {@code days - 1} days before it
 * ({@code 1d} is today, {@code 30d} today and the 29 days before; {@code 1mo} the days since the same date last
 * month), summed from the daily aggregates. A shorter period ({@code 30m}, {@code 6h}) is a rolling window over the
 * spend logs of exactly that long.
 *
 * @param limit USD; spend at or over it refuses the model
 * @param period a duration string ({@link Durations}); {@value #LEGACY_PERIOD} for a legacy entry
 * @param legacy true when the entry was a bare number
 */
public record ModelBudget(double limit, String period, boolean legacy) {
  /** The window of a bare-number entry, as LiteLLM enforced it. */
  public static final String LEGACY_PERIOD = "28d";
  private static final long DAY_MS = 86_400_000L;

  /** The first millisecond counted at {@code now}. */
  public long windowStart(long now) {
    long length = length(now);
    if (length < DAY_MS) {
      return now - length;
    }
    LocalDate today = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
    long days = (length + DAY_MS - 1) / DAY_MS;
    return today.minusDays(days - 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** True when the window is whole UTC days (summed from the daily aggregates). */
  public boolean wholeDays(long now) {
    return length(now) >= DAY_MS;
  }

  /** How long the period is, counted back from {@code now} (months are the calendar months before it). */
  private long length(long now) {
    String p = period.strip();
    if (p.endsWith("mo")) {
      long months = Long.parseLong(p.substring(0, p.length() - 2).strip());
      LocalDate today = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
      return java.time.temporal.ChronoUnit.DAYS.between(today.minusMonths(months), today) * DAY_MS;
    }
    return Durations.after(now, p) - now;
  }

  /** The stored and echoed form: the number for a legacy entry, else LiteLLM's object. */
  public JsonNode toJson() {
    if (legacy) {
      return Json.MAPPER.getNodeFactory().numberNode(limit);
    }
    ObjectNode o = Json.object();
    o.put("budget_limit", limit);
    o.put("time_period", period);
    return o;
  }

  /** A map's stored form ({@code {}} when empty). */
  public static ObjectNode toJson(Map<String, ModelBudget> budgets) {
    ObjectNode o = Json.object();
    budgets.forEach((model, b) -> o.set(model, b.toJson()));
    return o;
  }

  /**
   * Parses {@code model_max_budget}; null or {@code {}} is no budget. Throws {@link IllegalArgumentException} with a
   * message naming the entry when the shape is wrong.
   */
  public static Map<String, ModelBudget> parse(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException("must be an object of model name to budget, e.g. "
          + "{\"gpt-4o\": {\"budget_limit\": 10.0, \"time_period\": \"30d\"}}");
    }
    Map<String, ModelBudget> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      out.put(e.getKey(), entry(e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Parses a stored {@code model_max_budget} leniently: an entry that would not validate (a row written by another
   * tool, or by LiteLLM with no {@code budget_duration}) is skipped, as LiteLLM skips unusable entries when it
   * enforces, rather than failing every request of the key.
   */
  public static Map<String, ModelBudget> parseStored(JsonNode v) {
    if (v == null || !v.isObject()) {
      return Map.of();
    }
    Map<String, ModelBudget> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      try {
        out.put(e.getKey(), entry(e.getKey(), e.getValue()));
      } catch (IllegalArgumentException unusable) {
        org.slf4j.LoggerFactory.getLogger(ModelBudget.class).warn(
            "ignoring an unusable stored model_max_budget entry: {}", unusable.getMessage());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static ModelBudget entry(String model, JsonNode v) {
    if (v.isNumber()) {
      return new ModelBudget(money(model, v), LEGACY_PERIOD, true);
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException("'" + model + "' must be {\"budget_limit\": <USD>, \"time_period\": "
          + "\"<duration>\"}");
    }
    for (Map.Entry<String, JsonNode> f : v.properties()) {
      if (!Map.of("budget_limit", 1, "time_period", 1, "max_budget", 1, "budget_duration", 1, "tpm_limit", 1,
          "rpm_limit", 1).containsKey(f.getKey())) {
        throw new IllegalArgumentException("'" + model + "." + f.getKey() + "' is not a budget field; use "
            + "budget_limit and time_period");
      }
    }
    JsonNode limit = first(v, "budget_limit", "max_budget");
    JsonNode period = first(v, "time_period", "budget_duration");
    if (limit == null || limit.isNull()) {
      throw new IllegalArgumentException("'" + model + ".budget_limit' is required");
    }
    if (period == null || period.isNull()) {
      throw new IllegalArgumentException("'" + model + ".time_period' is required, e.g. \"30d\"");
    }
    if (!period.isTextual() || !Durations.isValid(period.asText())) {
      throw new IllegalArgumentException("'" + model + ".time_period': " + Durations.describe(period.asText()));
    }
    double amount;
    if (limit.isTextual()) { // LiteLLM's CRUD endpoints accept the limit as a string and convert it
      try {
        amount = Double.parseDouble(limit.asText().strip());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("'" + model + ".budget_limit' must be a number (USD)");
      }
      amount = money(model, Json.MAPPER.getNodeFactory().numberNode(amount));
    } else {
      amount = money(model, limit);
    }
    return new ModelBudget(amount, period.asText().strip(), false);
  }

  private static JsonNode first(JsonNode v, String name, String alias) {
    JsonNode n = v.get(name);
    return n != null ? n : v.get(alias);
  }

  private static double money(String model, JsonNode v) {
    if (!v.isNumber()) {
      throw new IllegalArgumentException("'" + model + ".budget_limit' must be a number (USD)");
    }
    double d = v.asDouble();
    if (!(d >= 0) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("'" + model + ".budget_limit' must not be negative, got " + v.asText());
    }
    return d;
  }
}
