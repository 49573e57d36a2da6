package dev.tollgate.gateway.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * A key's written spend on each of its budgeted model groups within that budget's current window
 * ({@link ModelBudget#windowStart}): whole UTC days are summed from {@code tg_key_model_spend}, shorter windows from
 * the spend logs. Run when a key is loaded into the cache, one small query per budgeted model.
 */
final class ModelWindows {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final String BY_DAY = "SELECT COALESCE(SUM(spend), 0) FROM tg_key_model_spend "
      + "WHERE token = ? AND model_group = ? AND day >= ?";
  private static final String BY_LOG = "SELECT COALESCE(SUM(spend), 0) FROM tg_spend_logs "
      + "WHERE api_key = ? AND model_group = ? AND start_time >= ?";

  private ModelWindows() {}

  static Map<String, Double> load(Connection c, String token, Map<String, ModelBudget> budgets, long now)
      throws SQLException {
    Map<String, Double> spend = new HashMap<>();
    for (Map.Entry<String, ModelBudget> e : budgets.entrySet()) {
      ModelBudget b = e.getValue();
      long start = b.windowStart(now);
      boolean days = b.wholeDays(now);
      try (PreparedStatement s = c.prepareStatement(days ? BY_DAY : BY_LOG)) {
        s.setString(1, token);
        s.setString(2, e.getKey());
        if (days) {
          s.setString(3, DAY.format(Instant.ofEpochMilli(start)));
        } else {
          s.setLong(3, start);
        }
        try (ResultSet r = s.executeQuery()) {
          spend.put(e.getKey(), r.next() ? r.getDouble(1) : 0);
        }
      }
    }
    return spend;
  }
}
