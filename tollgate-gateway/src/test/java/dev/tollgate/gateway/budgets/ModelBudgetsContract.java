package dev.tollgate.gateway.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A key's {@code model_max_budget} end to end over HTTP against a gateway on a real database (one model refused, the
 * others served; written spend survives a restart and is seen by a second instance; LiteLLM's legacy number form),
 * and the failure spend rows of requests a known key is refused in auth. Run once per database by the subclasses.
 * Spend is written only when a test flushes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ModelBudgetsContract {
  private static final String CONFIG = "/budgets/budgets-config.yaml";
  static final String MASTER = RunningGateway.MASTER_KEY;
  private TestDatabase db;
  private RunningGateway gw;
  private Http http;

  abstract TestDatabase newDatabase();

  abstract String name();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    gw = RunningGateway.start(CONFIG, db.url());
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

  /** A new key from a fixture of /key/generate fields, its alias made unique for this run. */
  private String newKey(String fixture, String alias) {
    String body = Http.fixture("/budgets/model-budget/" + fixture).replace("ALIAS", alias + "-" + name());
    Reply r = http.post("/key/generate", MASTER, body);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json().get("key").asText();
  }

  private static Reply chat(Http http, String key, String model) {
    return http.post("/v1/chat/completions", key,
        "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}");
  }

  private static void assertRefusedForModel(Reply r, String key, String alias, String model) {
    assertThat(r.status()).as(r.json().toString()).isEqualTo(400);
    assertThat(r.error().get("type").asText()).isEqualTo("budget_exceeded");
    assertThat(r.error().get("message").asText()).isEqualTo("LiteLLM Virtual Key: " + Keys.hash(key)
        + ", key_alias: " + alias + ", exceeded budget for model=" + model);
  }

  private JsonNode logs(String key) {
    Reply r = http.get("/spend/logs?api_key=" + Keys.hash(key), MASTER);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json();
  }

  // ------------------------------------------------------------------ model_max_budget

  @Test
  void aModelAtItsBudgetIsRefusedWhileOtherModelsAreServed() {
    String key = newKey("daily.json", "mb-daily");
    assertThat(chat(http, key, "mock-priced").status()).isEqualTo(200);
    // the first call's cost is not written yet: the pending spend counts
    assertRefusedForModel(chat(http, key, "mock-priced"), key, "mb-daily-" + name(), "mock-priced");
    assertThat(chat(http, key, "mock-free").status()).isEqualTo(200);
    gw.controlPlane().spend().flush();
    assertRefusedForModel(chat(http, key, "mock-priced"), key, "mb-daily-" + name(), "mock-priced");
    assertThat(chat(http, key, "mock-free").status()).isEqualTo(200);
    JsonNode rows = logs(key);
    long failures = 0;
    for (JsonNode row : rows) {
      if ("failure".equals(row.get("status").asText())) {
        failures++;
        assertThat(row.get("spend").asDouble()).isZero();
      }
    }
    assertThat(failures).as(rows.toString()).isEqualTo(1); // the refusal written so far (the last one is pending)
  }

  @Test
  void writtenModelSpendStillCountsAfterARestartAndOnAnotherInstance() throws Exception {
    for (String fixture : new String[] {"daily.json", "hourly.json"}) {
      String alias = "mb-restart-" + fixture.replace(".json", "");
      String key = newKey(fixture, alias);
      assertThat(chat(http, key, "mock-priced").status()).isEqualTo(200);
      gw.controlPlane().spend().flush();
      gw.controlPlane().keyCache().invalidateAll();
      assertRefusedForModel(chat(http, key, "mock-priced"), key, alias + "-" + name(), "mock-priced");
      try (RunningGateway second = RunningGateway.start(CONFIG, db.url())) {
        Http other = new Http(second);
        assertRefusedForModel(chat(other, key, "mock-priced"), key, alias + "-" + name(), "mock-priced");
        assertThat(chat(other, key, "mock-free").status()).isEqualTo(200);
      }
    }
  }

  @Test
  void theLegacyNumberFormIsABudgetOverTheLast28Days() {
    String key = newKey("legacy-float.json", "mb-float");
    JsonNode info = http.get("/key/info?key=" + key, MASTER).json().get("info");
    assertThat(info.get("model_max_budget").get("mock-priced").isNumber()).as(info.toString()).isTrue();
    assertThat(info.get("model_max_budget").get("mock-priced").asDouble()).isEqualTo(0.0000001);
    assertThat(chat(http, key, "mock-priced").status()).isEqualTo(200);
    assertRefusedForModel(chat(http, key, "mock-priced"), key, "mb-float-" + name(), "mock-priced");
    assertThat(chat(http, key, "mock-free").status()).isEqualTo(200);
  }

  @Test
  void updateSetsAndClearsTheModelBudgets() {
    Reply made = http.post("/key/generate", MASTER, "{}");
    String key = made.json().get("key").asText();
    assertThat(http.get("/key/info?key=" + key, MASTER).json().get("info").get("model_max_budget").size()).isZero();
    Reply set = http.post("/key/update", MASTER, "{\"key\": \"" + key + "\", \"model_max_budget\": "
        + "{\"mock-priced\": {\"max_budget\": \"2.5\", \"budget_duration\": \"30d\"}}}");
    assertThat(set.status()).as(set.json().toString()).isEqualTo(200);
    JsonNode budget = http.get("/key/info?key=" + key, MASTER).json().get("info").get("model_max_budget");
    assertThat(budget.get("mock-priced").get("budget_limit").asDouble()).isEqualTo(2.5);
    assertThat(budget.get("mock-priced").get("time_period").asText()).isEqualTo("30d");
    assertThat(http.post("/key/update", MASTER, "{\"key\": \"" + key + "\", \"model_max_budget\": null}").status())
        .isEqualTo(200);
    assertThat(http.get("/key/info?key=" + key, MASTER).json().get("info").get("model_max_budget").size()).isZero();
  }

  @Test
  void aRegeneratedKeyKeepsItsModelSpendAndMayChangeItsBudgets() {
    String key = newKey("daily.json", "mb-regen");
    assertThat(chat(http, key, "mock-priced").status()).isEqualTo(200);
    gw.controlPlane().spend().flush();
    Reply rotated = http.post("/key/regenerate", MASTER, "{\"key\": \"" + key + "\"}");
    assertThat(rotated.status()).as(rotated.json().toString()).isEqualTo(200);
    String newKey = rotated.json().get("key").asText();
    assertRefusedForModel(chat(http, newKey, "mock-priced"), newKey, "mb-regen-" + name(), "mock-priced");
    Reply raised = http.post("/key/regenerate", MASTER, "{\"key\": \"" + newKey + "\", \"model_max_budget\": "
        + "{\"mock-priced\": {\"budget_limit\": 100, \"time_period\": \"1d\"}}}");
    assertThat(raised.status()).as(raised.json().toString()).isEqualTo(200);
    assertThat(raised.json().get("model_max_budget").get("mock-priced").get("budget_limit").asDouble())
        .isEqualTo(100.0);
    assertThat(chat(http, raised.json().get("key").asText(), "mock-priced").status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ failure rows for refusals in auth

  @Test
  void refusalsOfAKnownKeyInAuthLeaveFailureRowsWithNoCost() throws Exception {
    JsonNode cases = Json.tree(Http.fixture("/budgets/model-budget/refused-keys.json")
        .getBytes(StandardCharsets.UTF_8));
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> c : cases.properties()) {
      Reply r = http.post("/key/generate", MASTER, c.getValue().toString());
      assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
      keys.put(c.getKey(), r.json().get("key").asText());
    }
    String team = "blocked-team-" + name();
    assertThat(http.post("/team/new", MASTER, "{\"team_id\": \"" + team + "\"}").status()).isEqualTo(200);
    assertThat(http.post("/team/block", MASTER, "{\"team_id\": \"" + team + "\"}").status()).isEqualTo(200);
    Reply teamKey = http.post("/key/generate", MASTER, "{\"team_id\": \"" + team + "\"}");
    assertThat(teamKey.status()).as(teamKey.json().toString()).isEqualTo(200);
    keys.put("team-blocked", teamKey.json().get("key").asText());
    Thread.sleep(1100); // the "expired" key's 1s duration
    Map<String, Reply> replies = new java.util.LinkedHashMap<>();
    keys.forEach((name, key) -> replies.put(name, chat(http, key, "mock-priced")));
    // a management route refusal and an unknown key leave no row
    assertThat(http.get("/key/info?key=" + keys.get("blocked"), keys.get("blocked")).status()).isEqualTo(401);
    String unknown = "sk-unknown-key-" + name() + "-0123456789";
    assertThat(chat(http, unknown, "mock-priced").status()).isEqualTo(401);
    gw.controlPlane().spend().flush();
    keys.forEach((name, key) -> {
      Reply refused = replies.get(name);
      assertThat(refused.status()).as(name + " " + refused.json()).isIn(400, 401, 403);
      JsonNode rows = logs(key);
      assertThat(rows).as(name + " " + rows).hasSize(1);
      JsonNode row = rows.get(0);
      assertThat(row.get("status").asText()).isEqualTo("failure");
      assertThat(row.get("spend").asDouble()).isZero();
      assertThat(row.get("api_key").asText()).isEqualTo(Keys.hash(key));
      JsonNode error = row.get("metadata").get("error_information");
      assertThat(error.get("error_class").asText()).as(name).isEqualTo(refused.error().get("type").asText());
      assertThat(error.get("error_code").asText()).isEqualTo(Integer.toString(refused.status()));
      assertThat(error.get("error_message").asText()).isEqualTo(refused.error().get("message").asText());
    });
    assertThat(logs(unknown)).isEmpty();
    // embeddings refusals are rows too, with their call type
    String blocked = keys.get("blocked");
    assertThat(http.post("/v1/embeddings", blocked, "{\"model\": \"mock-priced\", \"input\": \"hi\"}").status())
        .isEqualTo(401);
    gw.controlPlane().spend().flush();
    JsonNode rows = logs(blocked);
    assertThat(rows).hasSize(2);
    assertThat(java.util.stream.StreamSupport.stream(rows.spliterator(), false)
        .map(r -> r.get("call_type").asText()).toList()).containsExactlyInAnyOrder("acompletion", "aembedding");
  }
}
