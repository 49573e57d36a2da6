package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.TestDatabase;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SpendLogsUiContract} on PostgreSQL (a fresh schema, dropped after), plus the plans: each filter the Logs
 * page offers can be answered from an index (with sequential scans priced out, the planner still finds one), so a
 * page never has to read the whole table.
 */
class SpendLogsUiPostgresTest extends SpendLogsUiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "&status_filter=failure", "&api_key=x", "&team_id=t", "&user_id=u",
      "&model=mock-priced"})
  void everyFilterIsAnsweredFromAnIndex(String filter) {
    SpendLogFilter f = SpendLogFilter.parse(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .addAll(params("start_date=2026-01-01&end_date=2026-01-31" + filter)));
    String plan = gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SET enable_seqscan = off");
        StringBuilder out = new StringBuilder();
        for (String sql : new String[] {"SELECT COUNT(*) FROM tg_spend_logs WHERE " + f.where(),
            "SELECT * FROM tg_spend_logs WHERE " + f.where() + " ORDER BY start_time DESC, request_id DESC LIMIT 50"}) {
          String literal = sql;
          for (Object arg : f.args()) {
            literal = literal.replaceFirst("\\?", arg instanceof String t ? "'" + t + "'" : String.valueOf(arg));
          }
          try (ResultSet r = s.executeQuery("EXPLAIN " + literal)) {
            while (r.next()) {
              out.append(r.getString(1)).append('\n');
            }
          }
        }
        s.execute("RESET enable_seqscan");
        return out.toString();
      }
    });
    assertThat(plan).doesNotContain("Seq Scan").contains("Index");
    if (filter.contains("status_filter=failure")) {
      assertThat(plan).contains("tg_spend_logs_failures"); // the failures-only partial index (V8)
    }
  }

  private static java.util.Map<String, String> params(String query) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }
}
