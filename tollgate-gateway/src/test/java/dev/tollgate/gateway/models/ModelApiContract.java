package dev.tollgate.gateway.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The model management API end to end over HTTP: two gateways on one real database (instance A takes the changes,
 * instance B must see them through its poller); run once per database by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ModelApiContract {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private TestDatabase db;
  private RunningGateway a;
  private RunningGateway b;
  private Http httpA;
  private Http httpB;

  abstract TestDatabase newDatabase();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    a = RunningGateway.start("/models/models-config.yaml", db.url());
    b = RunningGateway.start("/models/models-config.yaml", db.url());
    httpA = new Http(a);
    httpB = new Http(b);
    assertThat(b.gateway().settings().schedules().modelPoll()).isEqualTo(java.time.Duration.ofMillis(200));
  }

  @AfterAll
  void stop() {
    for (RunningGateway gw : new RunningGateway[] {a, b}) {
      if (gw != null) {
        gw.close();
      }
    }
    if (db != null) {
      db.close();
    }
  }

  private static Reply chat(Http http, String model) {
    return http.post("/v1/chat/completions", MASTER,
        "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
  }

  private String upstreamModel(String name, String id) {
    return Http.fixture("/models/new-upstream-model.json").replace("BASE", a.fake().baseUrl())
        .replace("runtime-gpt-1", id).replace("\"runtime-gpt\"", "\"" + name + "\"");
  }

  private static JsonNode info(Http http, String id) {
    Reply r = http.get("/model/info?litellm_model_id=" + id, MASTER);
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("data");
  }

  /** Waits up to 5 s (the test config polls every 0.2 s) for B to answer {@code status} for {@code model}. */
  private static Reply eventually(Http http, String model, int status) throws InterruptedException {
    Reply r = chat(http, model);
    for (int i = 0; i < 50 && r.status() != status; i++) {
      Thread.sleep(100);
      r = chat(http, model);
    }
    return r;
  }

  @Test
  void aModelAddedOnOneInstanceServesAtOnceThereAndSoonOnTheOther() throws Exception {
    assertThat(chat(httpA, "runtime-gpt").status()).isEqualTo(400);
    Reply created = httpA.post("/model/new", MASTER, upstreamModel("runtime-gpt", "runtime-gpt-1"));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(200);
    assertThat(created.json().get("model_id").asText()).isEqualTo("runtime-gpt-1");
    assertThat(created.json().get("litellm_params").has("api_key")).isFalse();

    a.fake().recording(true);
    Reply onA = chat(httpA, "runtime-gpt");
    assertThat(onA.status()).as(onA.json().toString()).isEqualTo(200);
    var sent = a.fake().lastRequest();
    assertThat(sent.header("authorization")).isEqualTo("Bearer sk-runtime-secret-4242");
    assertThat(sent.bodyString()).contains("\"temperature\":0.5");

    Reply onB = eventually(httpB, "runtime-gpt", 200);
    assertThat(onB.status()).as(onB.json().toString()).isEqualTo(200);
    assertThat(httpB.get("/v1/models", MASTER).json().toString()).contains("runtime-gpt");
  }

  @Test
  void modelInfoListsConfigAndDatabaseModelsWithoutSecrets() {
    Reply created = httpA.post("/model/new", MASTER, upstreamModel("info-gpt", "info-gpt-1"));
    assertThat(created.status()).isEqualTo(200);
    Reply all = httpA.get("/model/info", MASTER);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().toString()).doesNotContain("sk-runtime-secret-4242").doesNotContain("sk-upstream-key");

    JsonNode config = info(httpA, "config-gpt-fake");
    assertThat(config).hasSize(1);
    assertThat(config.get(0).get("model_name").asText()).isEqualTo("gpt-fake");
    assertThat(config.get(0).get("model_info").get("db_model").asBoolean()).isFalse();
    assertThat(config.get(0).get("litellm_params").get("model").asText()).isEqualTo("openai/gpt-fake-upstream");
    assertThat(config.get(0).get("litellm_params").has("api_key")).isFalse();

    JsonNode stored = info(httpA, "info-gpt-1").get(0);
    assertThat(stored.get("model_name").asText()).isEqualTo("info-gpt");
    assertThat(stored.get("model_info").get("db_model").asBoolean()).isTrue();
    assertThat(stored.get("model_info").get("id").asText()).isEqualTo("info-gpt-1");
    assertThat(stored.get("model_info").get("input_cost_per_token").asDouble()).isEqualTo(0.000001);
    assertThat(stored.get("litellm_params").get("temperature").asDouble()).isEqualTo(0.5);
    assertThat(stored.get("litellm_params").has("api_key")).isFalse();
    assertThat(httpA.get("/v1/model/info", MASTER).json()).isEqualTo(all.json());
  }

  @Test
  void modelInfoAddsWhatThePriceTableKnows() {
    String body = "{\"model_name\": \"known-gpt\", \"litellm_params\": {\"model\": \"openai/gpt-4o\", "
        + "\"api_base\": \"" + a.fake().baseUrl() + "\"}, \"model_info\": {\"id\": \"known-gpt-1\", "
        + "\"output_cost_per_token\": 0.5}}";
    assertThat(httpA.post("/model/new", MASTER, body).status()).isEqualTo(200);
    JsonNode info = info(httpA, "known-gpt-1").get(0).get("model_info");
    assertThat(info.get("max_input_tokens").asInt()).isPositive();
    assertThat(info.get("input_cost_per_token").asDouble()).isPositive();
    assertThat(info.get("output_cost_per_token").asDouble()).isEqualTo(0.5); // the deployment's own price wins
    assertThat(info.get("mode").asText()).isEqualTo("chat");
  }

  @Test
  void modelGroupInfoSummarisesEachName() {
    assertThat(httpA.post("/model/new", MASTER, upstreamModel("group-gpt", "group-gpt-1")).status()).isEqualTo(200);
    assertThat(httpA.post("/model/new", MASTER, upstreamModel("group-gpt", "group-gpt-2")).status()).isEqualTo(200);
    Reply r = httpA.get("/model_group/info?model_group=group-gpt", MASTER);
    assertThat(r.status()).isEqualTo(200);
    JsonNode data = r.json().get("data");
    assertThat(data).hasSize(1);
    assertThat(data.get(0).get("model_group").asText()).isEqualTo("group-gpt");
    assertThat(data.get(0).get("providers").toString()).isEqualTo("[\"openai\"]");
    assertThat(data.get(0).get("input_cost_per_token").asDouble()).isEqualTo(0.000001);
    assertThat(httpA.get("/model_group/info", MASTER).json().get("data").toString())
        .contains("\"gpt-fake\"", "\"mock\"", "group-gpt");
  }

  @Test
  void aModelAddedThroughTheApiCarriesItsRoutingSettings() {
    String body = Http.fixture("/models/new-routed-model.json").replace("BASE", a.fake().baseUrl());
    Reply created = httpA.post("/model/new", MASTER, body);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(200);

    var routing = a.gateway().settings().models().groups().resolve("routed-gpt").orElseThrow().deployments().get(0)
        .routing();
    assertThat(routing.rpm()).isEqualTo(30L);
    assertThat(routing.tpm()).isEqualTo(40_000L);
    assertThat(routing.weight()).isEqualTo(3.0);
    assertThat(routing.order()).isEqualTo(2);
    assertThat(routing.tags()).containsExactly("batch");
    assertThat(routing.maxParallelRequests()).isEqualTo(5);
    assertThat(routing.timeout()).isEqualTo(java.time.Duration.ofSeconds(20));
    assertThat(routing.streamTimeout()).isEqualTo(java.time.Duration.ofSeconds(4));
    assertThat(routing.numRetries()).isEqualTo(1);
    assertThat(routing.cooldownTime()).isEqualTo(java.time.Duration.ofSeconds(12));
    assertThat(routing.allowedFails()).isEqualTo(2);
    assertThat(routing.maxInputTokens()).isEqualTo(16_000);
    JsonNode params = info(httpA, "routed-gpt-1").get(0).get("litellm_params");
    assertThat(params.get("max_parallel_requests").asInt()).isEqualTo(5);
    assertThat(params.get("cooldown_time").asDouble()).isEqualTo(12.0);
    assertThat(chat(httpA, "routed-gpt").status()).isEqualTo(200);
  }

  @Test
  void aConfigReloadKeepsTheStoredModels() {
    assertThat(httpA.post("/model/new", MASTER, upstreamModel("reload-gpt", "reload-gpt-1")).status())
        .isEqualTo(200);
    var current = a.gateway().settings();
    a.gateway().reload(current.withModels(current.models().withStored(java.util.List.of())));
    assertThat(chat(httpA, "reload-gpt").status()).isEqualTo(200);
    assertThat(chat(httpA, "gpt-fake").status()).isEqualTo(200);
  }

  @Test
  void storedCredentialsAreEncrypted() throws Exception {
    assertThat(httpA.post("/model/new", MASTER, upstreamModel("secret-gpt", "secret-gpt-1")).status())
        .isEqualTo(200);
    String params = a.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT litellm_params FROM tg_models WHERE model_id = 'secret-gpt-1'")) {
        r.next();
        return r.getString(1);
      }
    });
    assertThat(params).doesNotContain("sk-runtime-secret").contains(SecretBox.PREFIX).contains("runtime-upstream");
  }

  @Test
  void updateAndDeleteReachBothInstances() throws Exception {
    assertThat(httpA.post("/model/new", MASTER, upstreamModel("old-name", "renamed-1")).status()).isEqualTo(200);
    assertThat(eventually(httpB, "old-name", 200).status()).isEqualTo(200);

    Reply patched = httpA.patch("/model/renamed-1/update", MASTER, "{\"model_name\": \"new-name\"}");
    assertThat(patched.status()).as(patched.json().toString()).isEqualTo(200);
    assertThat(chat(httpA, "new-name").status()).isEqualTo(200);
    assertThat(chat(httpA, "old-name").status()).isEqualTo(400);
    assertThat(eventually(httpB, "new-name", 200).status()).isEqualTo(200);
    // the key survived the update although the client did not send it back
    a.fake().recording(true);
    assertThat(chat(httpA, "new-name").status()).isEqualTo(200);
    assertThat(a.fake().lastRequest().header("authorization")).isEqualTo("Bearer sk-runtime-secret-4242");

    Reply posted = httpA.post("/model/update", MASTER,
        "{\"model_info\": {\"id\": \"renamed-1\"}, \"litellm_params\": {\"temperature\": null}}");
    assertThat(posted.status()).as(posted.json().toString()).isEqualTo(200);
    assertThat(posted.json().get("litellm_params").has("temperature")).isFalse();

    Reply deleted = httpA.post("/model/delete", MASTER, "{\"id\": \"renamed-1\"}");
    assertThat(deleted.status()).as(deleted.json().toString()).isEqualTo(200);
    assertThat(chat(httpA, "new-name").status()).isEqualTo(400);
    assertThat(eventually(httpB, "new-name", 400).status()).isEqualTo(400);
    assertThat(httpA.post("/model/delete", MASTER, "{\"id\": \"renamed-1\"}").status()).isEqualTo(404);
  }

  @Test
  void aStoredRowThatNoLongerBuildsIsSkippedButCanStillBeDeleted() throws Exception {
    long now = System.currentTimeMillis();
    a.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate("INSERT INTO tg_models (model_id, model_name, litellm_params, model_info, created_at, "
            + "updated_at) VALUES ('broken-1', 'broken', '{\"model\": \"mock/mock\", \"api_key\": \""
            + SecretBox.PREFIX + "AAAA\"}', '{}', " + now + ", " + now + ")");
      }
    });
    a.gateway().models().refresh();
    assertThat(chat(httpA, "broken").status()).isEqualTo(400);
    assertThat(chat(httpA, "gpt-fake").status()).isEqualTo(200);
    assertThat(info(httpA, "broken-1")).isEmpty();
    Reply update = httpA.patch("/model/broken-1/update", MASTER, "{\"model_name\": \"fixed\"}");
    assertThat(update.status()).isEqualTo(400);
    assertThat(update.error().get("message").asText()).contains("LITELLM_SALT_KEY");
    assertThat(httpA.post("/model/delete", MASTER, "{\"id\": \"broken-1\"}").status()).isEqualTo(200);
  }

  @Test
  void configModelsCannotBeChangedThroughTheApi() {
    Reply delete = httpA.post("/model/delete", MASTER, "{\"id\": \"config-gpt-fake\"}");
    assertThat(delete.status()).isEqualTo(400);
    assertThat(delete.error().get("message").asText()).contains("config file");
    Reply update = httpA.patch("/model/config-gpt-fake/update", MASTER, "{\"model_name\": \"other\"}");
    assertThat(update.status()).isEqualTo(400);
    assertThat(chat(httpA, "gpt-fake").status()).isEqualTo(200);
  }

  @Test
  void onlyTheMasterKeyManagesModels() {
    Reply key = httpA.post("/key/generate", MASTER, "{}");
    String virtual = key.json().get("key").asText();
    Reply r = httpA.post("/model/new", virtual, "{\"model_name\": \"x\", \"litellm_params\": {\"model\": \"mock/mock\"}}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(httpA.get("/model/info", virtual).status()).isEqualTo(200);
    assertThat(httpA.get("/model/info", null).status()).isEqualTo(401);
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/models/bad/cases.csv")
  void badModelsAreRefusedWithA400(String file, int status, String word) {
    Reply r = httpA.post("/model/new", MASTER, Http.fixture("/models/bad/" + file));
    assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
    assertThat(r.error().get("message").asText()).contains(word);
  }
}
