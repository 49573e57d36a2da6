package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcSpendStore} on a real database, run once per database by the subclasses: a batch of calls covering every
 * kind of row ({@code spend/store-batch.json}) writes exactly the log rows, daily and per key-model aggregates and
 * entity spend of {@code spend/store-batch-written.json}. That file is what the writer wrote for the same batch when
 * its queue still held call records (before {@link SpendRow}), so the two must not differ in any column.
 */
abstract class SpendStoreContract {
  private TestDatabase testDb;
  private Database db;

  abstract TestDatabase newDatabase();

  @BeforeEach
  void open() {
    testDb = newDatabase();
    db = Database.open(testDb.url());
    db.inline(c -> {
      try (Statement s = c.createStatement()) {
        for (String sql : Http.fixture("/spend/store-entities.sql").split(";")) {
          if (!sql.isBlank()) {
            s.execute(sql);
          }
        }
      }
      return null;
    });
  }

  @AfterEach
  void close() {
    db.close();
    testDb.close();
  }

  @Test
  void aBatchWritesEveryColumnAndAggregateAsTheWriterAlwaysHas() throws Exception {
    List<SpendRow> rows = FixtureCalls.records(FixtureCalls.fixture("/spend/store-batch.json").get("calls"))
        .stream().map(SpendRow::of).toList();
    new JdbcSpendStore(db).write(rows);
    assertThat(pretty(WrittenSpend.read(db))).isEqualTo(pretty(FixtureCalls.fixture("/spend/store-batch-written.json")));
  }

  @Test
  void aBatchOfSeveralJdbcChunksWritesEveryRowAndSumsThemAll() {
    JsonNode call = FixtureCalls.fixture("/spend/store-batch.json").get("calls").get(1); // key hash-a, cost 0.25
    int n = JdbcSpendStore.LOG_CHUNK * 3 + 7;
    List<SpendRow> rows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      com.fasterxml.jackson.databind.node.ObjectNode c = call.deepCopy();
      c.put("request_id", "chunked-" + i);
      rows.add(SpendRow.of(FixtureCalls.record(c)));
    }
    new JdbcSpendStore(db).write(rows);
    JsonNode written = WrittenSpend.read(db);
    assertThat(written.get("spend_logs")).hasSize(n);
    assertThat(written.get("entity_spend").get("keys").get(0).get("spend").asDouble()).isEqualTo(n * 0.25);
    assertThat(written.get("key_model_spend").get(0).get("spend").asDouble()).isEqualTo(n * 0.25);
  }

  @Test
  void textsThatArrayLiteralsAndSqlMustEscapeAreWrittenAsTheyAre() {
    // quotes, backslashes, braces, commas, "NULL", empty and spaced strings, SQL: written and read back unchanged
    // (here as request ids, a text column like every other)
    JsonNode call = FixtureCalls.fixture("/spend/store-batch.json").get("calls").get(1);
    List<String> texts = new java.util.ArrayList<>();
    FixtureCalls.fixture("/spend/awkward-texts.json").forEach(t -> texts.add(t.asText()));
    List<SpendRow> rows = new java.util.ArrayList<>();
    for (String text : texts) {
      com.fasterxml.jackson.databind.node.ObjectNode c = call.deepCopy();
      c.put("request_id", text);
      rows.add(SpendRow.of(FixtureCalls.record(c)));
    }
    new JdbcSpendStore(db).write(rows);
    List<String> written = new java.util.ArrayList<>();
    WrittenSpend.read(db).get("spend_logs").forEach(r -> written.add(r.get("request_id").asText()));
    assertThat(written).containsExactlyInAnyOrderElementsOf(texts);
  }

  @Test
  void aRetriedBatchWhoseRowsAreAlreadyThereWritesEachRowOnce() {
    // the writer retries a batch whose commit may have reached the database: rows already there are skipped
    JsonNode call = FixtureCalls.fixture("/spend/store-batch.json").get("calls").get(1);
    List<SpendRow> first = new java.util.ArrayList<>();
    List<SpendRow> retried = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      com.fasterxml.jackson.databind.node.ObjectNode c = call.deepCopy();
      c.put("request_id", "retried-" + i);
      SpendRow row = SpendRow.of(FixtureCalls.record(c));
      if (i < 3) {
        first.add(row);
      }
      if (i >= 1) {
        retried.add(row);
      }
    }
    JdbcSpendStore store = new JdbcSpendStore(db);
    store.write(first);
    store.write(retried);
    List<String> written = new java.util.ArrayList<>();
    WrittenSpend.read(db).get("spend_logs").forEach(r -> written.add(r.get("request_id").asText()));
    assertThat(written).containsExactlyInAnyOrder("retried-0", "retried-1", "retried-2", "retried-3", "retried-4");
  }

  private static String pretty(JsonNode tree) throws Exception {
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
  }
}
