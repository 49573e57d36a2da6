package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the management-API contract tests share: one gateway per test class on the database the subclass chooses
 * (each contract runs once on SQLite and once on PostgreSQL), and helpers that assert a 200.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminApiContract {
  static final String MASTER = RunningGateway.MASTER_KEY;
  TestDatabase db;
  RunningGateway gw;
  Http http;

  abstract TestDatabase newDatabase();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    gw = RunningGateway.start("/gateway/fake-upstream-config.yaml", db.url());
    http = new Http(gw);
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

  /** POSTs as the master key and asserts a 200. */
  JsonNode ok(String path, String body) {
    return ok(path, MASTER, body);
  }

  JsonNode ok(String path, String key, String body) {
    Reply r = http.post(path, key, body);
    assertThat(r.status()).as(path + " " + r.json()).isEqualTo(200);
    return r.json();
  }

  /** GETs as the master key and asserts a 200. */
  JsonNode okGet(String path) {
    return okGet(path, MASTER);
  }

  JsonNode okGet(String path, String key) {
    Reply r = http.get(path, key);
    assertThat(r.status()).as(path + " " + r.json()).isEqualTo(200);
    return r.json();
  }

  /** Asserts an OpenAI-shaped error with this status whose message contains {@code fragment}. */
  static void error(Reply r, int status, String fragment) {
    assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
    assertThat(r.error().get("message").asText()).contains(fragment);
    assertThat(r.error().get("code").asText()).isEqualTo(Integer.toString(status));
  }
}
