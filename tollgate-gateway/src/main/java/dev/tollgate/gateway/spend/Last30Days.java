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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin UI's spend summaries over the last 30 days (LiteLLM's {@code Last30dKeysBySpend} and
 * {@code Last30dModelsBySpend} views and {@code /global/spend/teams}), read from the daily aggregates
 * ({@code tg_daily_spend}, indexed by day) or, for teams, {@code tg_spend_logs} over its {@code start_time} index.
 * Blocking JDBC.
 */
final class Last30Days {
  private Last30Days() {}

  /** The first day counted: 30 days before {@code today} (UTC), as LiteLLM's {@code CURRENT_DATE - 30 days}. */
  static LocalDate since(LocalDate today) {
    return today.minusDays(30);
  }

  /** {@code [{api_key, key_alias, key_name, total_spend}]}, most spent first; {@code limit} null = all. */
  static ArrayNode keys(Connection c, LocalDate today, Integer limit) throws SQLException {
    String sql = "SELECT d.entity_id, k.key_alias, k.key_name, SUM(d.spend) AS total FROM tg_daily_spend d "
        + "LEFT JOIN tg_keys k ON k.token = d.entity_id WHERE d.entity_type = 'key' AND d.day >= ? "
        + "GROUP BY d.entity_id, k.key_alias, k.key_name ORDER BY total DESC, d.entity_id"
        + (limit == null ? "" : " LIMIT " + limit);
    ArrayNode out = Json.MAPPER.createArrayNode();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, since(today).toString());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode o = out.addObject();
          o.put("api_key", r.getString(1));
          o.put("key_alias", r.getString(2));
          o.put("key_name", r.getString(3));
          o.put("total_spend", r.getDouble(4));
        }
      }
    }
    return out;
  }

  /** {@code [{model, total_spend}]}, most spent first (every call has a key row, so key rows cover all spend). */
  static ArrayNode models(Connection c, LocalDate today, int limit) throws SQLException {
    String sql = "SELECT model, SUM(spend) AS total FROM tg_daily_spend WHERE entity_type = 'key' AND day >= ? "
        + "GROUP BY model ORDER BY total DESC, model LIMIT " + limit;
    ArrayNode out = Json.MAPPER.createArrayNode();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, since(today).toString());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode o = out.addObject();
          o.put("model", r.getString(1));
          o.put("total_spend", r.getDouble(2));
        }
      }
    }
    return out;
  }

  /**
   * {@code {daily_spend: [{date, <team alias>: spend...}], teams: [aliases], total_spend_per_team: [{team_id,
   * total_spend}]}}: spend per team alias ({@code Unassigned} without one) and day, rounded to cents as LiteLLM does,
   * with the ten teams that spent most.
   */
  static ObjectNode teams(Connection c, LocalDate today) throws SQLException {
    String sql = "SELECT t.team_alias, l.start_time / " + SpendReports.DAY_MS + " AS d, SUM(l.spend) "
        + "FROM tg_spend_logs l LEFT JOIN tg_teams t ON l.team_id = t.team_id WHERE l.start_time >= ? "
        + "GROUP BY t.team_alias, l.start_time / " + SpendReports.DAY_MS + " ORDER BY 2, 1";
    Map<Long, ObjectNode> days = new LinkedHashMap<>();
    Set<String> aliases = new LinkedHashSet<>();
    Map<String, Double> totals = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, SpendReports.startOf(since(today)));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String alias = r.getString(1) == null ? "Unassigned" : r.getString(1);
          long day = r.getLong(2);
          double spend = Math.round(r.getDouble(3) * 100) / 100.0;
          aliases.add(alias);
          ObjectNode row = days.computeIfAbsent(day, d -> {
            ObjectNode o = Json.object();
            o.put("date", LocalDate.ofEpochDay(d).toString());
            return o;
          });
          row.put(alias, row.path(alias).asDouble(0) + spend);
          totals.merge(alias, spend, Double::sum);
        }
      }
    }
    ObjectNode out = Json.object();
    ArrayNode daily = out.putArray("daily_spend");
    days.values().forEach(daily::add);
    ArrayNode teams = out.putArray("teams");
    aliases.forEach(teams::add);
    List<Map.Entry<String, Double>> top = new ArrayList<>(totals.entrySet());
    top.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
    ArrayNode perTeam = out.putArray("total_spend_per_team");
    top.stream().limit(10).forEach(e -> {
      ObjectNode o = perTeam.addObject();
      o.put("team_id", e.getKey());
      o.put("total_spend", e.getValue());
    });
    return out;
  }
}
