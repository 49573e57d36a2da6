package dev.tollgate.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /key/list} with 100,000 keys in PostgreSQL, as the dashboard's Virtual keys page calls it: a filtered
 * page is answered, in order, by walking an index (the plan has no sequential scan of {@code tg_keys} and no sort).
 * The keys are seeded by one {@code INSERT ... SELECT generate_series} (a second or two). How long the page took is
 * printed for the record, never asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyListScalePostgresTest {
  private static final int KEYS = 100_000;
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private TestDatabase db;
  private RunningGateway gw;
  private Http http;

  @BeforeAll
  void seed() throws Exception {
    db = TestDatabase.postgres();
    gw = RunningGateway.start("/spend/spend-config.yaml", db.url());
    http = new Http(gw);
    long started = System.nanoTime();
    gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement()) {
        // created_at grows with i, so "newest first" is i descending; 100 teams of 1,000 keys, 1,000 users of 100
        s.executeUpdate("INSERT INTO tg_keys (token, key_name, key_alias, team_id, user_id, created_at, updated_at) "
            + "SELECT md5('seed-' || i) || md5('key-' || i), 'sk-...' || lpad(i::text, 4, '0'), 'alias-' || i, "
            + "'team-' || (i % 100), 'user-' || (i % 1000), 1700000000000 + i, 1700000000000 + i "
            + "FROM generate_series(1, " + KEYS + ") AS i");
        s.execute("ANALYZE tg_keys");
        return null;
      }
    });
    System.out.printf("[KeyListScale] seeded %,d keys in %d ms%n", KEYS, (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  void stop() {
    if (gw != null) {
      gw.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void aTeamsThirdPageIsAnsweredNewestFirst() {
    http.get("/key/list?team_id=team-7&page=1&size=25", MASTER); // warm the connection pool and the plan cache
    long started = System.nanoTime();
    Reply r = http.get("/key/list?team_id=team-7&page=3&size=25&return_full_object=true", MASTER);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("[KeyListScale] GET /key/list?team_id=team-7&page=3&size=25 over %,d keys: %d ms%n", KEYS,
        millis);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    assertThat(r.json().get("total_count").asLong()).isEqualTo(1000);
    assertThat(r.json().get("total_pages").asLong()).isEqualTo(40);
    assertThat(r.json().get("current_page").asInt()).isEqualTo(3);
    List<Long> created = new ArrayList<>();
    for (JsonNode k : r.json().get("keys")) {
      assertThat(k.get("team_id").asText()).isEqualTo("team-7");
      created.add(java.time.Instant.parse(k.get("created_at").asText()).toEpochMilli());
    }
    assertThat(created).hasSize(25).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    // team-7 holds i = 7, 107, ..., 99907: its 51st newest key is i = 99907 - 50 * 100
    assertThat(created.get(0)).isEqualTo(1700000000000L + 99_907 - 50 * 100);
  }

  @Test
  void theWholeListAndAnExactAliasAreAnsweredToo() {
    http.get("/key/list?page=1&size=50", MASTER); // warm up
    long first = System.nanoTime();
    Reply newest = http.get("/key/list?page=1&size=50&return_full_object=true", MASTER);
    System.out.printf("[KeyListScale] GET /key/list?page=1&size=50 (no filter): %d ms%n",
        (System.nanoTime() - first) / 1_000_000);
    assertThat(newest.json().get("keys").get(0).get("key_alias").asText()).isEqualTo("alias-" + KEYS);
    long started = System.nanoTime();
    Reply all = http.get("/key/list?page=2000&size=50", MASTER);
    System.out.printf("[KeyListScale] GET /key/list?page=2000&size=50 (no filter, deepest page): %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().get("total_count").asLong()).isEqualTo(KEYS);
    assertThat(all.json().get("keys")).hasSize(50);
    Reply one = http.get("/key/list?key_alias=alias-54321&return_full_object=true", MASTER);
    assertThat(one.json().get("total_count").asLong()).isEqualTo(1);
    assertThat(one.json().get("keys").get(0).get("user_id").asText()).isEqualTo("user-321");
  }

  @Test
  void filteredPagesWalkAnIndexWithoutSortingTheTable() {
    for (String where : new String[] {"", " AND team_id = 'team-7'", " AND user_id = 'user-7'"}) {
      String plan = explain(KeyRows.SELECT + " WHERE 1 = 1" + where
          + " ORDER BY created_at DESC, token DESC LIMIT 25 OFFSET 50");
      assertThat(plan).as(plan).doesNotContain("Seq Scan").doesNotContain("Sort").contains("Index Scan");
    }
    String count = explain("SELECT COUNT(*) FROM tg_keys WHERE 1 = 1 AND team_id = 'team-7'");
    assertThat(count).as(count).doesNotContain("Seq Scan");
  }

  private String explain(String sql) {
    return gw.controlPlane().database().inline(c -> {
      StringBuilder out = new StringBuilder();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("EXPLAIN " + sql)) {
        while (r.next()) {
          out.append(r.getString(1)).append('\n');
        }
      }
      return out.toString();
    });
  }
}
