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

  /** {@code [{group_by_day, teams: [{team_name, total_spend, metadata: [{model, api_key, spend, total_tokens}]}]}]}. */
  static ArrayNode byTeam(Connection c, long from, long to) throws SQLException {
    String sql = "SELECT l.start_time / " + DAY_MS + " AS d, l.team_id, t.team_alias, l.model, l.api_key, "
        + "SUM(l.spend), SUM(l.total_tokens) FROM tg_spend_logs l LEFT JOIN tg_teams t ON l.team_id = t.team_id "
        + "WHERE l.start_time >= ? AND l.start_time < ? "
        + "GROUP BY l.start_time / " + DAY_MS + ", l.team_id, t.team_alias, l.model, l.api_key ORDER BY 1, 2, 4, 5";
    return daily(c, sql, from, to, "teams", "team_name", r -> {
      String alias = r.getString(3);
      String team = r.getString(2);
      return alias != null ? alias : team != null ? team : "Unassigned Team";
    });
  }

  /** {@code [{group_by_day, customers: [{customer, total_spend, metadata: [...]}]}]}; customer = the end user. */
  static ArrayNode byCustomer(Connection c, long from, long to) throws SQLException {
    String sql = "SELECT start_time / " + DAY_MS + " AS d, end_user, NULL, model, api_key, SUM(spend), "
        + "SUM(total_tokens) FROM tg_spend_logs WHERE start_time >= ? AND start_time < ? "
        + "GROUP BY start_time / " + DAY_MS + ", end_user, model, api_key ORDER BY 1, 2, 4, 5";
    return daily(c, sql, from, to, "customers", "customer", r -> r.getString(2));
  }

  /**
   * {@code [{api_key, total_cost, total_input_tokens, total_output_tokens, model_details: [{model, total_cost,
   * total_input_tokens, total_output_tokens}]}]}, most spent first; {@code column}/{@code value} narrow it to one key
   * or one user when not null.
   */
  static ArrayNode byKey(Connection c, long from, long to, String column, String value) throws SQLException {
    String sql = "SELECT api_key, model, SUM(spend), SUM(prompt_tokens), SUM(completion_tokens) FROM tg_spend_logs "
        + "WHERE start_time >= ? AND start_time < ?" + (column == null ? "" : " AND " + column + " = ?")
        + " GROUP BY api_key, model ORDER BY 1, 2";
    Map<String, ObjectNode> keys = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, from);
      s.setLong(2, to);
      if (column != null) {
        s.setString(3, value);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode key = keys.computeIfAbsent(String.valueOf(r.getString(1)), k -> {
            ObjectNode o = Json.object();
            o.put("api_key", k);
            o.put("total_cost", 0.0);
            o.put("total_input_tokens", 0L);
            o.put("total_output_tokens", 0L);
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
        }
      }
    }
    List<ObjectNode> sorted = new ArrayList<>(keys.values());
    sorted.sort((a, b) -> Double.compare(b.get("total_cost").asDouble(), a.get("total_cost").asDouble()));
    ArrayNode out = Json.MAPPER.createArrayNode();
    sorted.forEach(out::add);
    return out;
  }

  private interface Name {
    String of(ResultSet r) throws SQLException;
  }

  /** Rows of (day, _, _, model, api_key, spend, tokens) folded into LiteLLM's per-day, per-group lists. */
  private static ArrayNode daily(Connection c, String sql, long from, long to, String listName, String nameField,
      Name name) throws SQLException {
    Map<Long, Map<String, ObjectNode>> days = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, from);
      s.setLong(2, to);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long day = r.getLong(1);
          String group = name.of(r);
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
          entry.put("total_spend", entry.get("total_spend").asDouble() + r.getDouble(6));
        }
      }
    }
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
