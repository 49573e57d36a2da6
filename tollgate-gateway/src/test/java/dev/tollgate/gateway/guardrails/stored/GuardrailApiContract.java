package dev.tollgate.gateway.guardrails.stored;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.testkit.FakeGuardrailService;
import dev.tollgate.testkit.GuardrailAnswer;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * LiteLLM's guardrail management API end to end over HTTP: two gateways on one real database (A takes the changes and
 * applies them to its next request; B must follow through its poller), a fake guardrail service for the credential
 * checks; run once per database by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GuardrailApiContract {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final String CONFIG = "/guardrails/stored/api-config.yaml";
  /** How an encrypted value starts (SecretBox's format). */
  private static final String SEALED = "tgenc:v1:";
  private TestDatabase db;
  private RunningGateway a;
  private RunningGateway b;
  private Http httpA;
  private Http httpB;
  private FakeGuardrailService guard;

  abstract TestDatabase newDatabase();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    a = RunningGateway.start(CONFIG, db.url());
    b = RunningGateway.start(CONFIG, db.url());
    httpA = new Http(a);
    httpB = new Http(b);
    guard = FakeGuardrailService.start();
  }

  @AfterAll
  void stop() {
    for (RunningGateway gw : new RunningGateway[] {a, b}) {
      if (gw != null) {
        gw.close();
      }
    }
    if (guard != null) {
      guard.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** Every test starts without stored guardrails (they are global: one left behind would block the next test). */
  @AfterEach
  void deleteStored() throws Exception {
    for (JsonNode g : httpA.get("/v2/guardrails/list", MASTER).json().get("guardrails")) {
      if (g.get("guardrail_definition_location").asText().equals("db")) {
        httpA.send("DELETE", "/guardrails/" + g.get("guardrail_id").asText(), MASTER, "");
      }
    }
    for (int i = 0; i < 50 && b.gateway().settings().guardrails().all().size() > 1; i++) {
      Thread.sleep(100); // B's poller catches up
    }
    guard.reset();
  }

  private static Reply chat(Http http, String text) {
    return http.post("/v1/chat/completions", MASTER,
        "{\"model\": \"mock\", \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}");
  }

  /** Waits up to 5 s (the test config polls every 0.2 s) for a chat of {@code text} to answer {@code status}. */
  private static Reply eventually(Http http, String text, int status) throws InterruptedException {
    Reply r = chat(http, text);
    for (int i = 0; i < 50 && r.status() != status; i++) {
      Thread.sleep(100);
      r = chat(http, text);
    }
    return r;
  }

  private Reply create(String fixture) {
    String body = Http.fixture("/guardrails/stored/" + fixture).replace("GUARD_BASE", guard.baseUrl());
    return httpA.post("/guardrails", MASTER, body);
  }

  private String created(String fixture) {
    Reply r = create(fixture);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json().get("guardrail_id").asText();
  }

  @Test
  void aGuardrailCreatedThroughTheApiBlocksTheNextChatAndStopsAfterDelete() throws Exception {
    assertThat(chat(httpA, "tell me about project zeus").status()).isEqualTo(200);
    String id = created("keywords.json");

    Reply blocked = chat(httpA, "tell me about project zeus");
    assertThat(blocked.status()).as("the very next request on A").isEqualTo(400);
    assertThat(blocked.error().get("message").asText()).contains("no-zeus").contains("BANNED_KEYWORD");
    assertThat(chat(httpA, "something else").status()).isEqualTo(200);
    assertThat(eventually(httpB, "tell me about project zeus", 400).status()).as("B, after its poll").isEqualTo(400);

    Reply deleted = httpA.send("DELETE", "/guardrails/" + id, MASTER, "");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("message").asText()).isEqualTo("Guardrail " + id + " deleted successfully");
    assertThat(chat(httpA, "tell me about project zeus").status()).as("the very next request on A").isEqualTo(200);
    assertThat(eventually(httpB, "tell me about project zeus", 200).status()).isEqualTo(200);
    assertThat(httpA.send("DELETE", "/guardrails/" + id, MASTER, "").status()).isEqualTo(404);
  }

  @Test
  void createAnswersTheRowAndGetAndListsShowIt() {
    Reply r = create("keywords.json");
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    JsonNode row = r.json();
    String id = row.get("guardrail_id").asText();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(row.get("guardrail_name").asText()).isEqualTo("no-zeus");
    assertThat(row.at("/litellm_params/guardrail").asText()).isEqualTo("tollgate/keywords");
    assertThat(row.at("/litellm_params/keywords/0").asText()).isEqualTo("project zeus");
    assertThat(row.at("/litellm_params/default_on").asBoolean()).isTrue();
    assertThat(row.at("/guardrail_info/description").asText()).isEqualTo("codename stays in house");
    assertThat(row.get("created_at").asText()).endsWith("Z");
    assertThat(row.get("updated_at").asText()).isEqualTo(row.get("created_at").asText());

    for (String path : new String[] {"/guardrails/" + id, "/guardrails/" + id + "/info"}) {
      JsonNode info = httpB.get(path, MASTER).json(); // B reads the table: no wait for its poll
      assertThat(info.get("guardrail_id").asText()).isEqualTo(id);
      assertThat(info.get("guardrail_definition_location").asText()).isEqualTo("db");
      assertThat(info.at("/litellm_params/keywords/0").asText()).isEqualTo("project zeus");
    }
    JsonNode config = httpA.get("/guardrails/config-guard", MASTER).json();
    assertThat(config.get("guardrail_definition_location").asText()).isEqualTo("config");
    assertThat(config.at("/litellm_params/keywords/0").asText()).isEqualTo("config-banned");
    assertThat(httpA.get("/guardrails/no-such-id", MASTER).status()).isEqualTo(404);
    assertThat(httpA.get("/guardrails/no-such-id", MASTER).error().get("message").asText())
        .isEqualTo("Guardrail with ID no-such-id not found");

    JsonNode v2 = httpA.get("/v2/guardrails/list", MASTER).json().get("guardrails");
    assertThat(v2.findValuesAsText("guardrail_name")).containsExactly("config-guard", "no-zeus");
    assertThat(v2.get(0).get("guardrail_definition_location").asText()).isEqualTo("config");
    assertThat(v2.get(1).get("guardrail_id").asText()).isEqualTo(id);
    assertThat(v2.get(1).get("guardrail_definition_location").asText()).isEqualTo("db");
    assertThat(v2.get(1).at("/litellm_params/mode").asText()).isEqualTo("pre_call");
    assertThat(v2.get(1).get("created_at").asText()).isEqualTo(row.get("created_at").asText());
    JsonNode v1 = httpA.get("/guardrails/list", MASTER).json().get("guardrails");
    assertThat(v1.findValuesAsText("guardrail_name")).containsExactly("config-guard", "no-zeus");
  }

  @Test
  void putReplacesPatchMergesAndBothApplyAtOnce() throws Exception {
    String id = created("keywords.json");
    Reply put = httpA.send("PUT", "/guardrails/" + id, MASTER, "{\"guardrail\": {\"guardrail_name\": \"no-apollo\", "
        + "\"litellm_params\": {\"guardrail\": \"tollgate/keywords\", \"keywords\": [\"apollo\"], \"default_on\": true}}}");
    assertThat(put.status()).as(put.json().toString()).isEqualTo(200);
    assertThat(put.json().get("guardrail_name").asText()).isEqualTo("no-apollo");
    assertThat(put.json().get("guardrail_info")).isEmpty(); // replaced: none was sent
    assertThat(put.json().get("updated_at").asText()).isNotEqualTo(put.json().get("created_at").asText());
    assertThat(chat(httpA, "project zeus").status()).isEqualTo(200);
    assertThat(chat(httpA, "apollo").status()).isEqualTo(400);

    Reply patch = httpA.patch("/guardrails/" + id, MASTER,
        "{\"litellm_params\": {\"default_on\": false, \"action\": \"MASK\"}, \"guardrail_info\": {\"owner\": \"sec\"}}");
    assertThat(patch.status()).as(patch.json().toString()).isEqualTo(200);
    assertThat(patch.json().at("/litellm_params/keywords/0").asText()).isEqualTo("apollo"); // kept
    assertThat(patch.json().at("/litellm_params/action").asText()).isEqualTo("MASK");
    assertThat(patch.json().at("/guardrail_info/owner").asText()).isEqualTo("sec");
    assertThat(chat(httpA, "apollo").status()).as("no longer default_on").isEqualTo(200);
    assertThat(eventually(httpB, "apollo", 200).status()).isEqualTo(200);
    Reply masked = httpA.post("/guardrails/apply_guardrail", MASTER,
        "{\"guardrail_name\": \"no-apollo\", \"text\": \"fly apollo\"}");
    assertThat(masked.json().get("response_text").asText()).isEqualTo("fly [REDACTED]");

    Reply removed = httpA.patch("/guardrails/" + id, MASTER, "{\"litellm_params\": {\"action\": null}}");
    assertThat(removed.json().at("/litellm_params").has("action")).isFalse();
    assertThat(httpA.patch("/guardrails/nope", MASTER, "{}").status()).isEqualTo(404);
    assertThat(httpA.send("PUT", "/guardrails/nope", MASTER, Http.fixture("/guardrails/stored/keywords.json"))
        .status()).isEqualTo(404);
  }

  @Test
  void credentialsAreStoredEncryptedNeverShownAndKeptWhenNotResent() throws Exception {
    String id = created("remote.json");
    String everything = httpA.get("/guardrails/" + id, MASTER).json().toString()
        + httpA.get("/v2/guardrails/list", MASTER).json() + httpA.get("/guardrails/list", MASTER).json()
        + create("remote.json").json(); // the name clash's 400 must not echo them either
    assertThat(everything).doesNotContain("sk-guard-secret-7788").doesNotContain("tok-header-9911")
        .doesNotContain(SEALED);
    assertThat(httpA.get("/guardrails/" + id, MASTER).json().at("/litellm_params/api_base").asText())
        .isEqualTo(guard.baseUrl());
    String stored = storedParams(id);
    assertThat(stored).doesNotContain("sk-guard-secret-7788").doesNotContain("tok-header-9911")
        .contains(SEALED).contains(guard.baseUrl());

    assertThat(apply("vendor-check").status()).isEqualTo(200);
    assertThat(guard.lastCall("").header("x-api-key")).isEqualTo("sk-guard-secret-7788");
    assertThat(guard.lastCall("").header("x-guard-token")).isEqualTo("tok-header-9911");

    // a PUT without the credentials (no answer ever shows them) keeps them
    Reply put = httpA.send("PUT", "/guardrails/" + id, MASTER, "{\"guardrail\": {\"guardrail_name\": \"vendor-check\", "
        + "\"litellm_params\": {\"guardrail\": \"generic_guardrail_api\", \"api_base\": \"" + guard.baseUrl()
        + "\", \"timeout\": 3}}}");
    assertThat(put.status()).as(put.json().toString()).isEqualTo(200);
    guard.script("", GuardrailAnswer.block("no thanks"));
    Reply refused = apply("vendor-check");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error().get("message").asText()).contains("no thanks");
    assertThat(guard.lastCall("").header("x-api-key")).isEqualTo("sk-guard-secret-7788");

    // an os.environ/ reference is stored as the reference and read from the gateway's environment
    Reply env = httpA.patch("/guardrails/" + id, MASTER,
        "{\"litellm_params\": {\"api_key\": \"os.environ/GUARD_TOKEN_FROM_ENV\", \"headers\": null}}");
    assertThat(env.status()).as(env.json().toString()).isEqualTo(200);
    assertThat(apply("vendor-check").status()).isEqualTo(400);
    assertThat(guard.lastCall("").header("x-api-key")).isEqualTo("tok-from-env-5511");
    assertThat(guard.lastCall("").header("x-guard-token")).isNull();
    assertThat(storedParams(id)).doesNotContain("tok-from-env-5511").doesNotContain("os.environ");
  }

  private Reply apply(String name) {
    return httpA.post("/guardrails/apply_guardrail", MASTER,
        "{\"guardrail_name\": \"" + name + "\", \"text\": \"hello there\"}");
  }

  private String storedParams(String id) {
    return a.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT litellm_params FROM tg_guardrails WHERE guardrail_id = '" + id + "'")) {
        r.next();
        return r.getString(1);
      }
    });
  }

  @Test
  void namesAreUniqueAcrossTheConfigFileAndTheTable() {
    String id = created("keywords.json");
    Reply again = create("keywords.json");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.error().get("message").asText()).contains("already exists").contains(id);
    assertThat(again.error().get("param").asText()).isEqualTo("guardrail.guardrail_name");

    String other = created("pii.json");
    Reply rename = httpA.patch("/guardrails/" + other, MASTER, "{\"guardrail_name\": \"no-zeus\"}");
    assertThat(rename.status()).isEqualTo(400);
    Reply toConfig = httpA.patch("/guardrails/" + other, MASTER, "{\"guardrail_name\": \"config-guard\"}");
    assertThat(toConfig.status()).isEqualTo(400);
    assertThat(toConfig.error().get("message").asText()).contains("config file");
    assertThat(toConfig.error().get("param").asText()).isEqualTo("guardrail_name");
  }

  @Test
  void configFileGuardrailsCannotBeChangedThroughTheApi() {
    for (Reply r : new Reply[] {
        httpA.send("DELETE", "/guardrails/config-guard", MASTER, ""),
        httpA.patch("/guardrails/config-guard", MASTER, "{\"guardrail_info\": {}}"),
        httpA.send("PUT", "/guardrails/config-guard", MASTER, Http.fixture("/guardrails/stored/keywords.json"))}) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.error().get("message").asText()).contains("config file");
    }
    assertThat(chat(httpA, "config-banned").status()).isEqualTo(200); // not default_on: still loaded, unchanged
    assertThat(httpA.post("/v1/chat/completions", MASTER, "{\"model\": \"mock\", \"guardrails\": [\"config-guard\"], "
        + "\"messages\": [{\"role\": \"user\", \"content\": \"config-banned\"}]}").status()).isEqualTo(400);
  }

  @Test
  void onlyProxyAdminsChangeGuardrailsAndViewersMayRead() {
    String id = created("keywords.json");
    String viewer = httpA.post("/user/new", MASTER, "{\"user_role\": \"proxy_admin_viewer\"}").json().get("key")
        .asText();
    String internal = httpA.post("/user/new", MASTER, "{\"user_role\": \"internal_user\"}").json().get("key").asText();
    String body = Http.fixture("/guardrails/stored/pii.json");
    for (String key : new String[] {viewer, internal}) {
      assertThat(httpA.post("/guardrails", key, body).status()).isEqualTo(403);
      assertThat(httpA.send("PUT", "/guardrails/" + id, key, body).status()).isEqualTo(403);
      assertThat(httpA.patch("/guardrails/" + id, key, "{\"guardrail_info\": {}}").status()).isEqualTo(403);
      assertThat(httpA.send("DELETE", "/guardrails/" + id, key, "").status()).isEqualTo(403);
      assertThat(httpA.get("/v2/guardrails/list", key).status()).isEqualTo(200);
      assertThat(httpA.get("/guardrails/" + id, key).status()).isEqualTo(200);
    }
    assertThat(httpA.get("/v2/guardrails/list", null).status()).isEqualTo(401);
    assertThat(httpA.post("/guardrails", null, body).status()).isEqualTo(401);
    assertThat(httpA.get("/guardrails/" + id, MASTER).json().get("guardrail_name").asText()).isEqualTo("no-zeus");
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/guardrails/stored/bad/cases.csv")
  void badGuardrailsAreRefusedWithA400NamingTheField(String file, String param, String word) {
    Reply r = httpA.post("/guardrails", MASTER, Http.fixture("/guardrails/stored/bad/" + file));
    assertThat(r.status()).as(r.json().toString()).isEqualTo(400);
    assertThat(r.error().get("param").asText()).as(r.json().toString()).isEqualTo(param);
    assertThat(r.error().get("message").asText()).contains(word);
    assertThat(httpA.get("/v2/guardrails/list", MASTER).json().get("guardrails")).hasSize(1); // nothing stored
  }

  @Test
  void aBodyThatIsNotJsonIsA400() {
    Reply r = httpA.post("/guardrails", MASTER, Http.fixture("/guardrails/stored/bad/not-json.json"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("message").asText()).isNotBlank();
  }

  @Test
  void aStoredRowThatNoLongerBuildsIsSkippedButListedAndDeletable() throws Exception {
    long now = System.currentTimeMillis();
    a.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate("INSERT INTO tg_guardrails (guardrail_id, guardrail_name, litellm_params, "
            + "guardrail_info, created_at, updated_at) VALUES ('broken-1', 'broken', '{\"guardrail\": "
            + "\"generic_guardrail_api\", \"api_base\": \"http://127.0.0.1:1\", \"api_key\": \"" + SEALED
            + "AAAA\"}', '{}', " + now + ", " + now + ")");
      }
    });
    a.gateway().guardrails().refresh();
    assertThat(a.gateway().settings().guardrails().named("broken")).isNull();
    assertThat(chat(httpA, "hello").status()).isEqualTo(200);
    assertThat(httpA.get("/v2/guardrails/list", MASTER).json().findValuesAsText("guardrail_id")).contains("broken-1");
    Reply patch = httpA.patch("/guardrails/broken-1", MASTER, "{\"guardrail_info\": {}}");
    assertThat(patch.status()).isEqualTo(400);
    assertThat(patch.error().get("message").asText()).contains("LITELLM_SALT_KEY");
    assertThat(httpA.send("DELETE", "/guardrails/broken-1", MASTER, "").status()).isEqualTo(200);
  }

  @Test
  void aConfigReloadKeepsTheStoredGuardrails() {
    created("keywords.json");
    var current = a.gateway().settings();
    a.gateway().reload(current.withGuardrails(current.guardrails().withStored(java.util.List.of(),
        java.util.Map.of())));
    assertThat(chat(httpA, "project zeus").status()).isEqualTo(400);
    assertThat(a.gateway().settings().guardrails().origin("no-zeus")).isNotNull();
    assertThat(a.gateway().settings().guardrails().origin("config-guard")).isNull();
  }
}
