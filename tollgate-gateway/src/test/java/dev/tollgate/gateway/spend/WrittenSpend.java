package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.providers.types.Json;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the spend writer left in a database, as one JSON tree: every column it writes of {@code tg_spend_logs}, of
 * {@code tg_daily_spend} (but {@code updated_at}, the time of writing) and of {@code tg_key_model_spend}, and the
 * {@code spend} of the keys, users, teams, organizations, end users and team members. Rows in primary-key order;
 * values typed by column, so that SQLite and PostgreSQL read the same.
 */
final class WrittenSpend {
  private static final List<String> LOG_COLUMNS = List.of("request_id", "call_type", "api_key", "spend",
      "total_tokens", "prompt_tokens", "completion_tokens", "start_time", "end_time", "request_duration_ms", "model",
      "model_id", "model_group", "custom_llm_provider", "api_base", "user_id", "team_id", "organization_id",
      "end_user", "metadata", "request_tags", "requester_ip_address", "status", "messages", "response", "cache_hit",
      "cache_key");
  private static final List<String> DAILY_COLUMNS = List.of("entity_type", "entity_id", "day", "api_key", "model",
      "model_group", "custom_llm_provider", "endpoint", "prompt_tokens", "completion_tokens",
      "cache_read_input_tokens", "cache_creation_input_tokens", "spend", "api_requests", "successful_requests",
      "failed_requests");
  private static final Set<String> LONGS = Set.of("total_tokens", "prompt_tokens", "completion_tokens", "start_time",
      "end_time", "request_duration_ms", "cache_read_input_tokens", "cache_creation_input_tokens", "api_requests",
      "successful_requests", "failed_requests");
  private static final Set<String> DOUBLES = Set.of("spend");
  private static final Set<String> BOOLEANS = Set.of("cache_hit");

  private WrittenSpend() {}

  /** The tree; numbers as JSON would read them back, so that it compares equal to a fixture. */
  static JsonNode read(Database db) {
    ObjectNode out = Json.object();
    out.set("spend_logs", rows(db, "SELECT " + String.join(", ", LOG_COLUMNS)
        + " FROM tg_spend_logs ORDER BY request_id"));
    out.set("daily_spend", rows(db, "SELECT " + String.join(", ", DAILY_COLUMNS) + " FROM tg_daily_spend "
        + "ORDER BY entity_type, entity_id, day, api_key, model, model_group, custom_llm_provider, endpoint"));
    out.set("key_model_spend", rows(db, "SELECT token, model_group, day, spend FROM tg_key_model_spend "
        + "ORDER BY token, model_group, day"));
    ObjectNode entities = out.putObject("entity_spend");
    entities.set("keys", rows(db, "SELECT token, spend FROM tg_keys ORDER BY token"));
    entities.set("users", rows(db, "SELECT user_id, spend FROM tg_users ORDER BY user_id"));
    entities.set("teams", rows(db, "SELECT team_id, spend FROM tg_teams ORDER BY team_id"));
    entities.set("organizations", rows(db,
        "SELECT organization_id, spend FROM tg_organizations ORDER BY organization_id"));
    entities.set("end_users", rows(db, "SELECT user_id, spend FROM tg_end_users ORDER BY user_id"));
    entities.set("team_members", rows(db,
        "SELECT team_id, user_id, spend FROM tg_team_members ORDER BY team_id, user_id"));
    return Json.tree(Json.write(out));
  }

  private static ArrayNode rows(Database db, String sql) {
    return db.inline(c -> {
      ArrayNode rows = Json.MAPPER.createArrayNode();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
        ResultSetMetaData meta = r.getMetaData();
        while (r.next()) {
          ObjectNode row = rows.addObject();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            put(row, meta.getColumnLabel(i).toLowerCase(Locale.ROOT), r, i);
          }
        }
      }
      return rows;
    });
  }

  private static void put(ObjectNode row, String column, ResultSet r, int i) throws SQLException {
    if (LONGS.contains(column)) {
      long v = r.getLong(i);
      if (r.wasNull()) {
        row.putNull(column);
      } else {
        row.put(column, v);
      }
    } else if (DOUBLES.contains(column)) {
      double v = r.getDouble(i);
      if (r.wasNull()) {
        row.putNull(column);
      } else {
        row.put(column, v);
      }
    } else if (BOOLEANS.contains(column)) {
      boolean v = r.getBoolean(i);
      if (r.wasNull()) {
        row.putNull(column);
      } else {
        row.put(column, v);
      }
    } else {
      row.put(column, r.getString(i));
    }
  }
}
