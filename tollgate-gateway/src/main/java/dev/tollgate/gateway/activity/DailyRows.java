package dev.tollgate.gateway.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads {@code tg_daily_spend} for a daily-activity request; never the spend logs. Every query is bounded by the
 * entity kind and the day range, which an index answers: {@code (entity_type, entity_id, day, ...)} (the primary key)
 * when entities are named, {@code (entity_type, api_key, day)} for one key, {@code (entity_type, day)} otherwise.
 * Blocking JDBC; the same SQL on SQLite and PostgreSQL.
 */
final class DailyRows {
  private static final String SUMS = "SUM(prompt_tokens), SUM(completion_tokens), SUM(cache_read_input_tokens), "
      + "SUM(cache_creation_input_tokens), SUM(spend), SUM(api_requests), SUM(successful_requests), "
      + "SUM(failed_requests)";
  private static final String COLUMNS = "entity_id, day, api_key, model, model_group, custom_llm_provider, endpoint, "
      + "prompt_tokens, completion_tokens, cache_read_input_tokens, cache_creation_input_tokens, spend, api_requests, "
      + "successful_requests, failed_requests";

  private DailyRows() {}

  /** How many rows match (the paged endpoints' total). */
  static long count(Connection c, ActivityRequest q) throws SQLException {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM tg_daily_spend WHERE " + where(q, args);
    try (PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * One page of the matching rows, newest day first, then by entity, key, model, provider and endpoint (the unique
   * columns, so that pages neither overlap nor skip a row).
   */
  static List<DailyRow> page(Connection c, ActivityRequest q) throws SQLException {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT " + COLUMNS + " FROM tg_daily_spend WHERE " + where(q, args)
        + " ORDER BY day DESC, entity_id, api_key, model, custom_llm_provider, endpoint LIMIT ? OFFSET ?";
    args.add(q.pageSize());
    args.add((long) (q.page() - 1) * q.pageSize());
    return read(c, sql, args);
  }

  /**
   * Every matching row summed over the entities ({@code entity_id} is then {@code ""}), or per entity when
   * {@code perEntity}: what the aggregated endpoints fold.
   */
  static List<DailyRow> summed(Connection c, ActivityRequest q, boolean perEntity) throws SQLException {
    List<Object> args = new ArrayList<>();
    String entity = perEntity ? "entity_id" : "''";
    String groups = "day, api_key, model, model_group, custom_llm_provider, endpoint";
    String sql = "SELECT " + entity + ", " + groups + ", " + SUMS + " FROM tg_daily_spend WHERE " + where(q, args)
        + " GROUP BY " + (perEntity ? "entity_id, " : "") + groups;
    return read(c, sql, args);
  }

  private static String where(ActivityRequest q, List<Object> args) {
    StringBuilder sql = new StringBuilder("entity_type = ? AND day >= ? AND day <= ?");
    args.add(q.kind().entityType());
    args.add(q.start().toString());
    args.add(q.end().toString());
    if (q.ids() != null) {
      sql.append(q.ids().isEmpty() ? " AND 1 = 0" : " AND entity_id IN (" + marks(q.ids().size()) + ")");
      args.addAll(q.ids());
    }
    if (!q.excluded().isEmpty()) {
      sql.append(" AND entity_id NOT IN (").append(marks(q.excluded().size())).append(")");
      args.addAll(q.excluded());
    }
    if (q.model() != null) { // the deployment's model, or the public name the calls asked for
      sql.append(" AND (model = ? OR model_group = ?)");
      args.add(q.model());
      args.add(q.model());
    }
    if (q.apiKey() != null) {
      sql.append(" AND api_key = ?");
      args.add(q.apiKey());
    }
    return sql.toString();
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof String text) {
        s.setString(i + 1, text);
      } else {
        s.setLong(i + 1, ((Number) a).longValue());
      }
    }
    return s;
  }

  private static List<DailyRow> read(Connection c, String sql, List<Object> args) throws SQLException {
    List<DailyRow> rows = new ArrayList<>();
    try (PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(new DailyRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
            r.getString(6), r.getString(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11),
            r.getDouble(12), r.getLong(13), r.getLong(14), r.getLong(15)));
      }
    }
    return rows;
  }
}
