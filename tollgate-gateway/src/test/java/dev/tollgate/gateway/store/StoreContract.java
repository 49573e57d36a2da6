package dev.tollgate.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.keys.KeyCache;
import dev.tollgate.gateway.keys.KeyConflictException;
import dev.tollgate.gateway.keys.KeyInvalidations;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Migrations, the key repository and the key cache on a real database; run once per database by the subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
  static final List<String> TABLES = List.of("tg_keys", "tg_users", "tg_teams", "tg_team_members",
      "tg_organizations", "tg_organization_members", "tg_end_users", "tg_budgets", "tg_models", "tg_spend_logs",
      "tg_daily_spend", "tg_deprecated_keys", "tg_audit_log", "tg_key_model_spend", "tg_guardrails");
  private TestDatabase testDb;
  private Database db;
  private KeyStore store;

  abstract TestDatabase newDatabase();

  abstract Dialect dialect();

  @BeforeAll
  void open() {
    testDb = newDatabase();
    db = Database.open(testDb.url());
    store = new KeyStore(db);
  }

  @AfterAll
  void close() {
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  private static VirtualKey key(String plaintext, String alias, long createdAt) {
    VirtualKey.Builder b = new VirtualKey.Builder();
    b.token = Keys.hash(plaintext);
    b.keyName = Keys.displayName(plaintext);
    b.keyAlias = alias;
    b.userId = "u1";
    b.teamId = "t1";
    b.models = List.of("gpt-4o", "mock");
    b.aliases = Map.of("fast", "mock");
    b.maxBudget = 12.5;
    b.spend = 0.25;
    b.rpmLimit = 60L;
    b.tpmLimit = 100_000L;
    b.maxParallelRequests = 3;
    b.metadata = (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree("{\"a\":{\"b\":[1,2]}}".getBytes());
    b.tags = List.of("x");
    b.allowedRoutes = List.of("/v1/chat/completions");
    b.expires = 4_000_000_000_000L;
    b.createdAt = createdAt;
    b.updatedAt = createdAt;
    return b.build();
  }

  @Test
  void migrationsCreateEveryTableAndRerunAsANoOp() throws Exception {
    assertThat(db.dialect()).isEqualTo(dialect());
    List<String> found = db.inline(c -> {
      List<String> names = new ArrayList<>();
      try (ResultSet r = c.getMetaData().getTables(null, null, "tg_%", new String[] {"TABLE"})) {
        while (r.next()) {
          names.add(r.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
        }
      }
      return names;
    });
    assertThat(found).containsAll(TABLES);
    try (Database again = Database.open(testDb.url())) {
      int applied = again.inline(c -> {
        try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
          r.next();
          return r.getInt(1);
        }
      });
      assertThat(applied).isEqualTo(SchemaVersion.LATEST); // one history row per migration, none added by the rerun
    }
  }

  @Test
  void dailyRowsWrittenBeforeVersion5KeepTheirNumbersAcrossItsRebuild() throws Exception {
    try (TestDatabase old = newDatabase()) {
      DatabaseUrl url = DatabaseUrl.parse(old.url());
      org.flywaydb.core.Flyway.configure(Database.class.getClassLoader())
          .dataSource(url.jdbcUrl(), url.user(), url.password())
          .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect().folder())
          .failOnMissingLocations(false).target("4").load().migrate();
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
          java.sql.Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO tg_daily_spend (entity_type, entity_id, day, api_key, model, model_group, "
            + "custom_llm_provider, endpoint, prompt_tokens, spend, api_requests, successful_requests, updated_at) "
            + "VALUES ('user', 'u1', '2025-01-01', 'k', 'gpt-4o', 'g', 'openai', '/chat/completions', 7, 0.5, 2, 2, "
            + "1), "
            + "('user', 'u1', '2025-01-01', 'k', 'gpt-4o', NULL, 'azure', '/chat/completions', 3, 0.25, 1, 1, 1)");
      }
      try (Database migrated = Database.open(old.url())) {
        List<String> rows = migrated.inline(c -> {
          List<String> out = new ArrayList<>();
          try (ResultSet r = c.createStatement().executeQuery("SELECT model_group, custom_llm_provider, "
              + "prompt_tokens, spend, api_requests FROM tg_daily_spend ORDER BY custom_llm_provider")) {
            while (r.next()) {
              out.add("[" + r.getString(1) + "]" + r.getString(2) + ":" + r.getLong(3) + ":" + r.getDouble(4) + ":"
                  + r.getLong(5));
            }
          }
          return out;
        });
        assertThat(rows).containsExactly("[]azure:3:0.25:1", "[g]openai:7:0.5:2");
      }
    }
  }

  @Test
  void aKeyWithModelBudgetsLoadsItsSpendWithinEachWindow() {
    VirtualKey.Builder b = key("sk-roundtrip-modelbudget1", "mb", 1000).toBuilder();
    b.modelMaxBudget = dev.tollgate.gateway.keys.ModelBudget.parse(Json.tree(
        "{\"gpt-4o\": {\"budget_limit\": 5, \"time_period\": \"7d\"}, \"mock\": 2}".getBytes()));
    VirtualKey k = b.build();
    store.insert(k);
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    db.inline(c -> {
      try (var s = c.prepareStatement(
          "INSERT INTO tg_key_model_spend (token, model_group, day, spend) VALUES (?, ?, ?, ?)")) {
        Object[][] rows = {{"gpt-4o", today, 1.0}, {"gpt-4o", today.minusDays(6), 0.5},
            {"gpt-4o", today.minusDays(7), 100.0}, {"mock", today.minusDays(27), 0.25},
            {"mock", today.minusDays(28), 100.0}, {"other", today, 100.0}};
        for (Object[] r : rows) {
          s.setString(1, k.token());
          s.setString(2, (String) r[0]);
          s.setString(3, r[1].toString());
          s.setDouble(4, (Double) r[2]);
          s.executeUpdate();
        }
      }
      return null;
    });
    VirtualKey read = store.find(k.token()).orElseThrow();
    assertThat(read.modelMaxBudget()).isEqualTo(k.modelMaxBudget());
    assertThat(read.modelSpend()).isEqualTo(Map.of("gpt-4o", 1.5, "mock", 0.25));
  }

  @Test
  void keysRoundTripEveryField() {
    VirtualKey k = key("sk-roundtrip-0000000001", "rt", 1000);
    store.insert(k);
    assertThat(store.find(k.token())).contains(k);
    assertThat(store.findByAlias("rt")).contains(k);
    VirtualKey changed = k.toBuilder().build();
    VirtualKey.Builder b = changed.toBuilder();
    b.blocked = true;
    b.maxBudget = null;
    b.models = List.of();
    b.updatedAt = 2000;
    assertThat(store.update(k.token(), k, b.build())).isTrue();
    VirtualKey read = store.find(k.token()).orElseThrow();
    assertThat(read.blocked()).isTrue();
    assertThat(read.maxBudget()).isNull();
    assertThat(read.models()).isEmpty();
    assertThat(store.delete(List.of(k.token(), "0".repeat(64)))).isEqualTo(1);
    assertThat(store.find(k.token())).isEmpty();
  }

  @Test
  void aKeyUpdateKeepsSpendWrittenSinceItWasRead() {
    VirtualKey k = key("sk-spend-kept-0000000001", "spend-kept", 1000);
    store.insert(k);
    VirtualKey read = store.find(k.token()).orElseThrow();
    store.database().inline(c -> {
      try (var s = c.prepareStatement("UPDATE tg_keys SET spend = spend + 2.5 WHERE token = ?")) {
        s.setString(1, k.token());
        return s.executeUpdate();
      }
    });
    VirtualKey.Builder b = read.toBuilder();
    b.blocked = true;
    store.update(k.token(), read, b.build());
    assertThat(store.find(k.token()).orElseThrow().spend()).isEqualTo(read.spend() + 2.5);
    VirtualKey.Builder reset = store.find(k.token()).orElseThrow().toBuilder();
    VirtualKey before = reset.build();
    reset.spend = 0;
    store.update(k.token(), before, reset.build());
    assertThat(store.find(k.token()).orElseThrow().spend()).isZero();
  }

  @Test
  void aTakenAliasIsAConflict() {
    store.insert(key("sk-alias-owner-000000001", "shared-alias", 1000));
    assertThatThrownBy(() -> store.insert(key("sk-alias-thief-000000001", "shared-alias", 1000)))
        .isInstanceOf(KeyConflictException.class).hasMessageContaining("shared-alias");
    assertThatThrownBy(() -> store.insert(key("sk-alias-owner-000000001", "other-alias", 1000)))
        .isInstanceOf(KeyConflictException.class);
  }

  @Test
  void listFiltersPagesNewestFirst() {
    for (int i = 0; i < 5; i++) {
      VirtualKey.Builder b = key("sk-list-key-00000000" + i, null, 10_000 + i).toBuilder();
      b.userId = "lister";
      store.insert(b.build());
    }
    KeyStore.Page first = store.list("lister", null, null, 1, 2);
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.keys()).extracting(VirtualKey::createdAt).containsExactly(10_004L, 10_003L);
    assertThat(store.list("lister", null, null, 3, 2).keys()).hasSize(1);
    assertThat(store.list("nobody", null, null, 1, 10).total()).isZero();
  }

  @Test
  void cacheLoadsOnceCachesMissesAndInvalidates() {
    KeyCache cache = new KeyCache(store, KeyInvalidations.LOCAL);
    VirtualKey k = key("sk-cache-key-0000000001", null, 1000);
    store.insert(k);
    long before = store.lookups();
    assertThat(cache.get(k.token()).join()).contains(k);
    assertThat(cache.get(k.token()).join()).contains(k);
    assertThat(store.lookups()).isEqualTo(before + 1);
    String unknown = Keys.hash("sk-unknown");
    assertThat(cache.get(unknown).join()).isEqualTo(Optional.empty());
    assertThat(cache.get(unknown).join()).isEmpty();
    assertThat(store.lookups()).isEqualTo(before + 2);

    store.delete(List.of(k.token()));
    assertThat(cache.get(k.token()).join()).isPresent();
    cache.invalidate(k.token());
    assertThat(cache.get(k.token()).join()).isEmpty();
  }
}
