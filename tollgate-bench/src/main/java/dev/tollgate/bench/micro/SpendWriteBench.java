package dev.tollgate.bench.micro;

import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.spend.JdbcSpendStore;
import dev.tollgate.gateway.spend.SpendRow;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.providers.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The spend writer's cost per row on the SQLite default: {@link JdbcSpendStore#write} of a batch of 1,000 master-key
 * calls (no user, team or end user; the shape of the load benchmark's master-key path) into a log that already holds
 * {@code prefill} rows (300,000), so that its indexes are larger than SQLite's page cache, as in a gateway that has run
 * for a while. Reported per row.
 *
 * <p>{@code ids}: the call ids as the gateway makes them ({@code timeOrdered}, version-7 UUIDs) or random version-4
 * UUIDs ({@code random}, what it made before). A random primary key puts every insert on a random page of the key's
 * index, so a batch dirties about one index page per row and writes each to the write-ahead log.
 * {@code indexes}: the current schema ({@code current}: since V8, no status or model-group index but one over failures
 * alone, and since V7 the user, team, end-user and session indexes hold only rows that have a value), the schema of
 * V7 ({@code v7}: status and model-group indexes over every row), or that of V6 ({@code v6}: also every row in the
 * user, team, end-user and session indexes).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpendWriteBench {
  static final int BATCH = 1_000;

  @Param({"timeOrdered", "random"})
  public String ids;

  @Param({"current", "v7", "v6"})
  public String indexes;

  /** Rows written before measuring, in batches of {@value #BATCH}. */
  @Param("300000")
  public int prefill;

  Path dir;
  Database database;
  JdbcSpendStore store;
  long clock = System.currentTimeMillis();

  @Setup(Level.Trial)
  public void setup() throws Exception {
    dir = Files.createTempDirectory("tollgate-spend-bench");
    database = Database.open("jdbc:sqlite:" + dir.resolve("bench.db"));
    if (!indexes.equals("current")) {
      database.run(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("DROP INDEX tg_spend_logs_failures");
          s.execute("CREATE INDEX tg_spend_logs_group_start ON tg_spend_logs (model_group, start_time)");
          s.execute("CREATE INDEX tg_spend_logs_status_start ON tg_spend_logs (status, start_time)");
          if (indexes.equals("v6")) {
            for (String[] index : new String[][] {{"tg_spend_logs_user_start", "user_id, start_time"},
                {"tg_spend_logs_team_start", "team_id, start_time"}, {"tg_spend_logs_end_user", "end_user"},
                {"tg_spend_logs_session", "session_id"}}) {
              s.execute("DROP INDEX " + index[0]);
              s.execute("CREATE INDEX " + index[0] + " ON tg_spend_logs (" + index[1] + ")");
            }
          }
        }
        return null;
      }).join();
    }
    store = new JdbcSpendStore(database);
    for (int i = 0; i < prefill / BATCH; i++) {
      store.write(batch());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    database.close();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void writeBatch() {
    store.write(batch());
  }

  private List<SpendRow> batch() {
    List<SpendRow> rows = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long start = clock++;
      String id = ids.equals("random") ? Ids.uuid() : Ids.timeOrderedUuid(start);
      CallRecord r = new CallRecord(id, "acompletion", start, "master-key-hash", null);
      r.modelGroup = "bench-model";
      r.deploymentId = "deployment-1";
      r.provider = "openai";
      r.model = "bench-model";
      r.apiBase = "http://127.0.0.1:9/v1";
      r.requesterIp = "127.0.0.1";
      r.endMillis = start + 1;
      r.status = "success";
      r.httpStatus = 200;
      r.promptTokens = 9;
      r.completionTokens = 1;
      r.totalTokens = 10;
      r.usageKnown = true;
      r.cost = 0.000_012;
      rows.add(SpendRow.of(r));
    }
    return rows;
  }
}
