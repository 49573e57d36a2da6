package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.TestDatabase;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SpendLogsUiContract} on SQLite (a temp file), plus the plans of the filters with an index of their own. */
class SpendLogsUiSqliteTest extends SpendLogsUiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }

  @Test
  void theFailureFilterIsAnsweredFromTheFailuresOnlyIndex() {
    assertThat(plan("&status_filter=failure")).contains("USING INDEX tg_spend_logs_failures");
    assertThat(plan("")).contains("USING INDEX tg_spend_logs_start");
    assertThat(plan("&status_filter=success")).doesNotContain("tg_spend_logs_failures");
  }

  /** SQLite's plan of the Logs page's row query for a filter. */
  private String plan(String filter) {
    Map<String, String> params = new java.util.LinkedHashMap<>();
    params.put("start_date", "2026-01-01");
    params.put("end_date", "2026-01-31");
    if (!filter.isEmpty()) {
      String[] kv = filter.substring(1).split("=");
      params.put(kv[0], kv[1]);
    }
    SpendLogFilter f = SpendLogFilter.parse(io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(params));
    return gw.controlPlane().database().inline(c -> {
      try (java.sql.PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN SELECT * FROM tg_spend_logs WHERE "
          + f.where() + " ORDER BY start_time DESC, request_id DESC LIMIT 50")) {
        for (int i = 0; i < f.args().size(); i++) {
          s.setObject(i + 1, f.args().get(i));
        }
        StringBuilder out = new StringBuilder();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.append(r.getString("detail")).append('\n');
          }
        }
        return out.toString();
      }
    });
  }
}
