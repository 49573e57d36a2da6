package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queries behind {@code /global/spend/report}, in LiteLLM's response shapes. Each reads {@code tg_spend_logs} over
 * a {@code start_time} range (indexed), grouping by UTC day ({@code start_time / 86400000}, the same integer arithmetic
 * in SQLite and PostgreSQL). Blocking JDBC.
 */
final class SpendReports {
  static final long DAY_MS = 86_400_000L;

  private SpendReports() {}

  /**
   * {@code [{group_by_day, teams: [{team_name, team_id, total_spend, metadata: [{model, api_key, spend, total_tokens,
   * api_requests, failed_requests, custom_llm_provider, model_group}]}]}]}. LiteLLM's shape; {@code team_id} and the
   * last four metadata fields are Tollgate's additions (clients that do not know them ignore them).
   */
  static ArrayNode byTeam(Connection c, long from, long to) throws SQLException {
    String sql = "SELECT l.start_time / " + DAY_MS + " AS d, l.team_id, t.team_alias, l.model, l.api_key, "
        + "SUM(l.spend), SUM(l.total_tokens), COUNT(*), " + FAILED + ", l.custom_llm_provider, l.model_group "
        + "FROM tg_spend_logs l LEFT JOIN tg_teams t ON l.team_id = t.team_id "
        + "WHERE l.start_time >= ? AND l.start_time < ? "
        + "GROUP BY l.start_time / " + DAY_MS + ", l.team_id, t.team_alias, l.model, l.api_key, l.custom_llm_provider, "
        + "l.model_group ORDER BY 1, 2, 4, 5, 10, 11";
    return daily(c, sql, from, to, "teams", "team_name", r -> {
      String alias = r.getString(3);
      String team = r.getString(2);
      return alias != null ? alias : team != null ? team : "Unassigned Team";
    }, "team_id");
  }

  /** {@code [{group_by_day, customers: [{customer, total_spend, metadata: [...]}]}]}; customer = the end user. */
  static ArrayNode byCustomer(Connection c, long from, long to) throws SQLException {
    String sql = "SELECT start_time / " + DAY_MS + " AS d, end_user, NULL, model, api_key, SUM(spend), "
        + "SUM(total_tokens), COUNT(*), " + FAILED + ", custom_llm_provider, model_group FROM tg_spend_logs "
        + "WHERE start_time >= ? AND start_time < ? GROUP BY start_time / " + DAY_MS + ", end_user, model, api_key, "
        + "custom_llm_provider, model_group ORDER BY 1, 2, 4, 5, 10, 11";
    return daily(c, sql, from, to, "customers", "customer", r -> r.getString(2), null);
  }

  /**
   * Tollgate's {@code group_by=tag}: {@code [{group_by_day, tags: [{tag, total_spend, metadata: [...]}]}]} as above,
   * read from the daily aggregates ({@code tg_daily_spend} rows of kind {@code tag}, indexed by day) because tags are
   * a JSON list on the log rows. A call with two tags counts under each.
   */
  static ArrayNode byTag(Connection c, LocalDate start, LocalDate end) throws SQLException {
    String sql = "SELECT day, entity_id, NULL, model, api_key, SUM(spend), SUM(prompt_tokens + completion_tokens), "
        + "SUM(api_requests), SUM(failed_requests), custom_llm_provider, NULLIF(model_group, '') FROM tg_daily_spend "
        + "WHERE entity_type = 'tag' AND day >= ? AND day <= ? "
        + "GROUP BY day, entity_id, model, api_key, custom_llm_provider, model_group ORDER BY 1, 2, 4, 5, 10, 11";
    Map<Long, Map<String, ObjectNode>> days = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, start.toString());
      s.setString(2, end.toString());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          fold(days, LocalDate.parse(r.getString(1)).toEpochDay(), r, "tag", r.getString(2), null);
        }
      }
    }
    return out(days, "tags");
  }

  /**
   * {@code [{api_key, total_cost, total_input_tokens, total_output_tokens, model_details: [{model, total_cost,
   * total_input_tokens, total_output_tokens}]}]}, most spent first; {@code column}/{@code value} narrow it to one key
   * or one user when not null. {@code key_alias} and {@code api_requests} are Tollgate's additions.
   */
  static ArrayNode byKey(Connection c, long from, long to, String column, String value) throws SQLException {
    String sql = "SELECT l.api_key, l.model, SUM(l.spend), SUM(l.prompt_tokens), SUM(l.completion_tokens), COUNT(*), "
        + "k.key_alias FROM tg_spend_logs l LEFT JOIN tg_keys k ON k.token = l.api_key "
        + "WHERE l.start_time >= ? AND l.start_time < ?" + (column == null ? "" : " AND l." + column + " = ?")
        + " GROUP BY l.api_key, l.model, k.key_alias ORDER BY 1, 2";
    Map<String, ObjectNode> keys = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, from);
      s.setLong(2, to);
      if (column != null) {
        s.setString(3, value);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String alias = r.getString(7);
          ObjectNode key = keys.computeIfAbsent(String.valueOf(r.getString(1)), k -> {
            ObjectNode o = Json.object();
            o.put("api_key", k);
            o.put("key_alias", alias);
            o.put("total_cost", 0.0);
            o.put("total_input_tokens", 0L);
            o.put("total_output_tokens", 0L);
            o.put("api_requests", 0L);
            o.putArray("model_details");
            return o;
          });
          ObjectNode m = ((ArrayNode) key.get("model_details")).addObject();
          m.put("model", r.getString(2));
          m.put("total_cost", r.getDouble(3));
          m.put("total_input_tokens", r.getLong(4));
          m.put("total_output_tokens", r.getLong(5));
          key.put("total_cost", key.get("total_cost").asDouble() + r.getDouble(3));
          key.put("total_input_tokens", key.get("total_input_tokens").asLong() + r.getLong(4));
          key.put("total_output_tokens", key.get("total_output_tokens").asLong() + r.getLong(5));
          key.put("api_requests", key.get("api_requests").asLong() + r.getLong(6));
        }
      }
    }
    List<ObjectNode> sorted = new ArrayList<>(keys.values());
    sorted.sort((a, b) -> Double.compare(b.get("total_cost").asDouble(), a.get("total_cost").asDouble()));
    ArrayNode out = Json.MAPPER.createArrayNode();
    sorted.forEach(out::add);
    return out;
  }

  /** {@code [{provider, spend}]}, most spent first; calls that reached no deployment (no provider) are left out. */
  static ArrayNode byProvider(Connection c, long from, long to) throws SQLException {
    String sql = "SELECT custom_llm_provider, SUM(spend) AS total FROM tg_spend_logs WHERE start_time >= ? "
        + "AND start_time < ? AND custom_llm_provider IS NOT NULL GROUP BY custom_llm_provider "
        + "ORDER BY total DESC, custom_llm_provider";
    ArrayNode out = Json.MAPPER.createArrayNode();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, from);
      s.setLong(2, to);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode o = out.addObject();
          o.put("provider", r.getString(1));
          o.put("spend", r.getDouble(2));
        }
      }
    }
    return out;
  }

  private interface Name {
    String of(ResultSet r) throws SQLException;
  }

  /** Counts the failed calls of a group (LiteLLM's status column: anything but success, NULL counted as success). */
  private static final String FAILED = "SUM(CASE WHEN status = 'failure' THEN 1 ELSE 0 END)";

  /**
   * Rows of (day, id, _, model, api_key, spend, tokens, requests, failed, provider, model group) folded into LiteLLM's per-day,
   * per-group lists; {@code idField}, when not null, also names the group's id (column 2).
   */
  private static ArrayNode daily(Connection c, String sql, long from, long to, String listName, String nameField,
      Name name, String idField) throws SQLException {
    Map<Long, Map<String, ObjectNode>> days = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, from);
      s.setLong(2, to);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode entry = fold(days, r.getLong(1), r, nameField, name.of(r), idField);
          if (idField != null && !entry.has(idField)) {
            entry.put(idField, r.getString(2));
          }
        }
      }
    }
    return out(days, listName);
  }

  /** Adds one result row to its day's group entry and returns the entry. */
  private static ObjectNode fold(Map<Long, Map<String, ObjectNode>> days, long day, ResultSet r, String nameField,
      String group, String idField) throws SQLException {
    ObjectNode entry = days.computeIfAbsent(day, d -> new LinkedHashMap<>())
        .computeIfAbsent(String.valueOf(group), g -> {
          ObjectNode o = Json.object();
          o.put(nameField, group);
          o.put("total_spend", 0.0);
          o.putArray("metadata");
          return o;
        });
    ObjectNode m = ((ArrayNode) entry.get("metadata")).addObject();
    m.put("model", r.getString(4));
    m.put("api_key", r.getString(5));
    m.put("spend", r.getDouble(6));
    m.put("total_tokens", r.getLong(7));
    m.put("api_requests", r.getLong(8));
    m.put("failed_requests", r.getLong(9));
    m.put("custom_llm_provider", r.getString(10));
    m.put("model_group", r.getString(11));
    entry.put("total_spend", entry.get("total_spend").asDouble() + r.getDouble(6));
    return entry;
  }

  private static ArrayNode out(Map<Long, Map<String, ObjectNode>> days, String listName) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    days.forEach((day, groups) -> {
      ObjectNode row = out.addObject();
      row.put("group_by_day", dayStamp(day));
      ArrayNode list = row.putArray(listName);
      groups.values().forEach(list::add);
    });
    return out;
  }

  /** LiteLLM's {@code date_trunc('day', ...)} as JSON: {@code 2024-04-30T00:00:00+00:00}. */
  static String dayStamp(long epochDay) {
    return LocalDate.ofEpochDay(epochDay) + "T00:00:00+00:00";
  }

  static long startOf(LocalDate day) {
    return day.toEpochDay() * DAY_MS;
  }
}
