package dev.tollgate.gateway.activity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * LiteLLM's {@code SpendAnalyticsPaginatedResponse} from daily rows: {@code results} (one {@code DailySpendData} per
 * day with rows, newest first: {@code date}, {@code metrics}, {@code breakdown}) and {@code metadata} (the rows'
 * totals, then {@code page}, {@code total_pages}, {@code has_more}). As in LiteLLM, a paged answer's totals are those
 * of its page's rows, so a client that pages through and adds the pages up gets the range's totals.
 */
final class ActivityReport {
  private ActivityReport() {}

  /** One page of a paged endpoint. Blocking. */
  static ObjectNode page(Connection c, ActivityRequest q) throws SQLException {
    long total = DailyRows.count(c, q);
    List<DailyRow> rows = DailyRows.page(c, q);
    long pages = (total + q.pageSize() - 1) / q.pageSize();
    return build(c, q.kind(), rows, true, q.page(), pages, (long) q.page() * q.pageSize() < total);
  }

  /**
   * The whole range on one page ({@code /aggregated}); {@code perEntity} fills {@code breakdown.entities}. Blocking.
   */
  static ObjectNode aggregated(Connection c, ActivityRequest q, boolean perEntity) throws SQLException {
    return build(c, q.kind(), DailyRows.summed(c, q, perEntity), perEntity, 1, 1, false);
  }

  private static ObjectNode build(Connection c, ActivityKind kind, List<DailyRow> rows, boolean perEntity, int page,
      long totalPages, boolean hasMore) throws SQLException {
    Set<String> keys = new LinkedHashSet<>();
    Set<String> entities = new LinkedHashSet<>();
    for (DailyRow r : rows) {
      keys.add(r.apiKey());
      if (perEntity && !r.entityId().isEmpty()) {
        entities.add(r.entityId());
      }
    }
    Map<String, ObjectNode> keyNames = ActivityNames.keys(c, keys);
    Map<String, ObjectNode> entityNames = ActivityNames.entities(c, kind, entities);

    Map<String, SpendMetrics> dayMetrics = new TreeMap<>(Comparator.reverseOrder());
    Map<String, DayBreakdown> dayBreakdowns = new TreeMap<>();
    SpendMetrics totals = new SpendMetrics();
    for (DailyRow r : rows) {
      dayMetrics.computeIfAbsent(r.day(), d -> new SpendMetrics()).add(r);
      dayBreakdowns.computeIfAbsent(r.day(), d -> new DayBreakdown()).add(r, perEntity);
      totals.add(r);
    }
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    dayMetrics.forEach((day, metrics) -> {
      ObjectNode d = results.addObject();
      d.put("date", day);
      d.set("metrics", metrics.toJson());
      d.set("breakdown", dayBreakdowns.get(day).toJson(keyNames, entityNames));
    });
    ObjectNode metadata = totals.totalsJson();
    metadata.put("page", page);
    metadata.put("total_pages", totalPages);
    metadata.put("has_more", hasMore);
    out.set("metadata", metadata);
    return out;
  }
}
