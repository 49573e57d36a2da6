package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /global/spend/tags}: spend per request tag between two UTC days (both included), from the daily
 * aggregates ({@code tg_daily_spend} rows of kind {@code tag}, indexed by day), in the shape LiteLLM's UI reads:
 * {@code {"spend_per_tag": [{"name", "spend", "log_count"}]}}, most spent first, spend rounded to four decimals.
 * Blocking JDBC.
 */
final class TagSpend {
  private TagSpend() {}

  /** @param tags only these tags; empty = every tag */
  static ObjectNode between(Connection c, LocalDate start, LocalDate end, List<String> tags) throws SQLException {
    String filter = tags.isEmpty() ? "" : " AND entity_id IN (" + String.join(", ", tags.stream().map(t -> "?")
        .toList()) + ")";
    String sql = "SELECT entity_id, SUM(spend) AS total, SUM(api_requests) FROM tg_daily_spend "
        + "WHERE entity_type = 'tag' AND day >= ? AND day <= ?" + filter
        + " GROUP BY entity_id ORDER BY total DESC, entity_id";
    ObjectNode out = Json.object();
    ArrayNode rows = out.putArray("spend_per_tag");
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      s.setString(i++, start.toString());
      s.setString(i++, end.toString());
      for (String tag : tags) {
        s.setString(i++, tag);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode o = rows.addObject();
          o.put("name", r.getString(1));
          o.put("spend", Math.round(r.getDouble(2) * 10_000) / 10_000.0);
          o.put("log_count", r.getLong(3));
        }
      }
    }
    return out;
  }
}
