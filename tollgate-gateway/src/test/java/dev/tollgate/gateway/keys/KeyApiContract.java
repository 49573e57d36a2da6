package dev.tollgate.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The key management API and virtual-key auth end to end over HTTP, against a gateway on a real database; run once
 * per database by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeyApiContract {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private TestDatabase db;
  private RunningGateway gw;
  private Http http;

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

  private JsonNode generate(String body) {
    Reply r = http.post("/key/generate", MASTER, body);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json();
  }

  private Reply chat(String key, String model) {
    return http.post("/v1/chat/completions", key,
        "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
  }

  @Test
  void generateEchoesTheFieldsAndStoresOnlyTheHash() {
    JsonNode key = generate(Http.fixture("/keys/generate-full.json"));
    String plaintext = key.get("key").asText();
    assertThat(plaintext).startsWith("sk-").hasSize(46);
    assertThat(key.get("token").asText()).isEqualTo(Keys.hash(plaintext)).matches("[0-9a-f]{64}");
    assertThat(key.get("key_name").asText()).isEqualTo("sk-..." + plaintext.substring(plaintext.length() - 4));
    assertThat(key.get("key_alias").asText()).isEqualTo("team-a-prod");
    assertThat(key.get("expires").asText()).endsWith("Z");
    assertThat(key.get("created_at").isTextual()).isTrue();
    assertThat(key.get("max_budget").asDouble()).isEqualTo(25.5);
    assertThat(key.get("rpm_limit").asLong()).isEqualTo(100);
    assertThat(key.get("models")).hasSize(2);
    assertThat(key.get("aliases").get("my-model").asText()).isEqualTo("mock");
    assertThat(key.get("metadata").get("cost_center").asInt()).isEqualTo(42);
    assertThat(key.get("duration").asText()).isEqualTo("30d");

    Reply byKey = http.get("/key/info?key=" + plaintext, MASTER);
    Reply byHash = http.get("/key/info?key=" + key.get("token").asText(), MASTER);
    assertThat(byKey.status()).isEqualTo(200);
    assertThat(byKey.json()).isEqualTo(byHash.json());
    assertThat(byKey.json().get("key").asText()).isEqualTo(key.get("token").asText());
    assertThat(byKey.json().get("info").get("user_id").asText()).isEqualTo("alice");
    assertThat(byKey.json().toString()).doesNotContain(plaintext);
  }

  @Test
  void listFiltersAndPages() {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tokens.add(generate("{\"user_id\": \"lister\", \"key_alias\": \"list-" + i + "\"}").get("token").asText());
    }
    Reply all = http.get("/key/list?user_id=lister&size=2", MASTER);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().get("total_count").asLong()).isEqualTo(3);
    assertThat(all.json().get("total_pages").asLong()).isEqualTo(2);
    assertThat(all.json().get("current_page").asInt()).isEqualTo(1);
    assertThat(all.json().get("keys")).hasSize(2);
    Reply page2 = http.get("/key/list?user_id=lister&size=2&page=2", MASTER);
    assertThat(page2.json().get("keys")).hasSize(1);
    Reply byAlias = http.get("/key/list?key_alias=list-1&return_full_object=true", MASTER);
    assertThat(byAlias.json().get("keys")).hasSize(1);
    assertThat(byAlias.json().get("keys").get(0).get("token").asText()).isEqualTo(tokens.get(1));
    assertThat(http.get("/key/list?size=0", MASTER).status()).isEqualTo(400);
  }

  @Test
  void updateChangesFieldsAndDuplicateAliasIs400() {
    String key = generate("{\"key_alias\": \"upd-1\"}").get("key").asText();
    generate("{\"key_alias\": \"upd-taken\"}");
    Reply updated = http.post("/key/update", MASTER,
        "{\"key\": \"" + key + "\", \"max_budget\": 9, \"models\": [\"mock\"], \"metadata\": {\"a\": 1}}");
    assertThat(updated.status()).as(updated.json().toString()).isEqualTo(200);
    JsonNode info = http.get("/key/info?key=" + key, MASTER).json().get("info");
    assertThat(info.get("max_budget").asDouble()).isEqualTo(9);
    assertThat(info.get("models").get(0).asText()).isEqualTo("mock");
    assertThat(info.get("metadata").get("a").asInt()).isEqualTo(1);
    assertThat(info.get("key_alias").asText()).isEqualTo("upd-1");

    Reply clash = http.post("/key/update", MASTER, "{\"key\": \"" + key + "\", \"key_alias\": \"upd-taken\"}");
    assertThat(clash.status()).isEqualTo(400);
    assertThat(clash.error().get("message").asText()).contains("already used");
    Reply dup = http.post("/key/generate", MASTER, "{\"key_alias\": \"upd-taken\"}");
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.error().get("message").asText()).contains("'upd-taken' is already used");
  }

  @Test
  void customKeyWorksAndBlockUnblockTakeEffectAtOnce() {
    String key = "sk-my-custom-key-0001";
    assertThat(generate("{\"key\": \"" + key + "\"}").get("key").asText()).isEqualTo(key);
    assertThat(chat(key, "mock").status()).isEqualTo(200);

    Reply blocked = http.post("/key/block", MASTER, "{\"key\": \"" + key + "\"}");
    assertThat(blocked.status()).isEqualTo(200);
    assertThat(blocked.json().get("blocked").asBoolean()).isTrue();
    Reply refused = chat(key, "mock");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.error().get("message").asText()).contains("Key is blocked");

    assertThat(http.post("/key/unblock", MASTER, "{\"key\": \"" + key + "\"}").status()).isEqualTo(200);
    assertThat(chat(key, "mock").status()).isEqualTo(200);
  }

  @Test
  void deletedKeyIsRefusedAtOnce() {
    String key = generate("{\"key_alias\": \"to-delete\"}").get("key").asText();
    String other = generate("{}").get("key").asText();
    assertThat(chat(key, "mock").status()).isEqualTo(200);
    Reply deleted = http.post("/key/delete", MASTER, "{\"key_aliases\": [\"to-delete\"]}");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("deleted_keys").get(0).asText()).isEqualTo("to-delete");
    Reply refused = chat(key, "mock");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.error().get("message").asText()).contains("Invalid proxy server token passed");
    assertThat(http.get("/key/info?key=" + key, MASTER).status()).isEqualTo(404);

    assertThat(http.post("/key/delete", MASTER, "{\"keys\": [\"" + Keys.hash(other) + "\"]}").status())
        .isEqualTo(200);
    assertThat(chat(other, "mock").status()).isEqualTo(401);
  }

  @Test
  void regenerateReplacesTheKey() {
    JsonNode old = generate("{\"key_alias\": \"rotating\", \"max_budget\": 3}");
    String oldKey = old.get("key").asText();
    assertThat(chat(oldKey, "mock").status()).isEqualTo(200);
    Reply rotated = http.post("/key/regenerate", MASTER, "{\"key\": \"" + oldKey + "\"}");
    assertThat(rotated.status()).as(rotated.json().toString()).isEqualTo(200);
    String newKey = rotated.json().get("key").asText();
    assertThat(newKey).isNotEqualTo(oldKey).startsWith("sk-");
    assertThat(rotated.json().get("key_alias").asText()).isEqualTo("rotating");
    assertThat(rotated.json().get("max_budget").asDouble()).isEqualTo(3);
    assertThat(rotated.json().get("rotation_count").asInt()).isEqualTo(1);
    assertThat(chat(oldKey, "mock").status()).isEqualTo(401);
    assertThat(chat(newKey, "mock").status()).isEqualTo(200);
    Reply byPath = http.post("/key/" + newKey + "/regenerate", MASTER, "{\"new_key\": \"sk-chosen-new-key-123\"}");
    assertThat(byPath.json().get("key").asText()).isEqualTo("sk-chosen-new-key-123");
    assertThat(chat("sk-chosen-new-key-123", "mock").status()).isEqualTo(200);
  }

  @Test
  void modelsRestrictTheKeyAndAliasesMapToAGroup() {
    String key = generate("{\"models\": [\"mock\"], \"aliases\": {\"my-model\": \"mock\"}}").get("key").asText();
    assertThat(chat(key, "mock").status()).isEqualTo(200);
    assertThat(chat(key, "my-model").status()).isEqualTo(200);
    Reply denied = chat(key, "gpt-fake");
    assertThat(denied.status()).isEqualTo(401);
    assertThat(denied.error().get("type").asText()).isEqualTo("key_model_access_denied");
    assertThat(gw.fake().requests()).isEmpty();

    List<String> listed = new ArrayList<>();
    http.get("/v1/models", key).json().get("data").forEach(m -> listed.add(m.get("id").asText()));
    assertThat(listed).containsExactlyInAnyOrder("mock", "my-model");
    assertThat(http.get("/v1/models/gpt-fake", key).status()).isEqualTo(404);
    assertThat(http.get("/v1/models/my-model", key).status()).isEqualTo(200);
    assertThat(http.get("/v1/models", MASTER).json().get("data").size()).isGreaterThan(2);
  }

  @Test
  void updateWithADurationMovesTheExpiryAndMinusOneRemovesIt() {
    JsonNode key = generate("{\"duration\": \"1h\"}");
    String token = key.get("token").asText();
    java.time.Instant hour = java.time.Instant.parse(key.get("expires").asText());
    Reply later = http.post("/key/update", MASTER, "{\"key\": \"" + token + "\", \"duration\": \"30d\"}");
    assertThat(later.status()).as(later.json().toString()).isEqualTo(200);
    java.time.Instant month = java.time.Instant.parse(later.json().get("expires").asText());
    assertThat(java.time.Duration.between(hour, month).toDays()).isEqualTo(29); // 30 days from now, not from then
    assertThat(http.get("/key/info?key=" + token, MASTER).json().at("/info/expires").asText())
        .isEqualTo(month.toString());
    Reply never = http.post("/key/update", MASTER, "{\"key\": \"" + token + "\", \"duration\": \"-1\"}");
    assertThat(never.status()).as(never.json().toString()).isEqualTo(200);
    assertThat(http.get("/key/info?key=" + token, MASTER).json().at("/info/expires").isNull()).isTrue();
    Reply bad = http.post("/key/update", MASTER, "{\"key\": \"" + token + "\", \"duration\": \"soon\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error().get("param").asText()).isEqualTo("duration");
  }

  @Test
  void expiredKeyIsRefused() throws Exception {
    String key = generate("{\"duration\": \"1s\"}").get("key").asText();
    long deadline = System.currentTimeMillis() + 3000;
    Reply last = chat(key, "mock");
    while (last.status() == 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      last = chat(key, "mock");
    }
    assertThat(last.status()).isEqualTo(401);
    assertThat(last.error().get("type").asText()).isEqualTo("expired_key");
    assertThat(last.error().get("message").asText()).contains("Expired Key");
  }

  @Test
  void spendOverMaxBudgetIs400BudgetExceeded() {
    String key = generate("{\"max_budget\": 1}").get("key").asText();
    assertThat(chat(key, "mock").status()).isEqualTo(200);
    assertThat(http.post("/key/update", MASTER, "{\"key\": \"" + key + "\", \"spend\": 1.5}").status())
        .isEqualTo(200);
    Reply over = chat(key, "mock");
    assertThat(over.status()).isEqualTo(400);
    assertThat(over.error().get("type").asText()).isEqualTo("budget_exceeded");
    assertThat(over.error().get("message").asText())
        .isEqualTo("Budget has been exceeded! Current cost: 1.5, Max budget: 1.0");
  }

  @Test
  void cachedKeyCostsNoDatabaseQuery() {
    String key = generate("{}").get("key").asText();
    assertThat(chat(key, "mock").status()).isEqualTo(200);
    long before = gw.controlPlane().keys().lookups();
    for (int i = 0; i < 20; i++) {
      assertThat(chat(key, "mock").status()).isEqualTo(200);
    }
    assertThat(gw.controlPlane().keys().lookups()).isEqualTo(before);
  }

  @Test
  void concurrentWritesAllSucceed() {
    List<java.util.concurrent.CompletableFuture<Reply>> calls = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String body = "{\"key_alias\": \"parallel-" + i + "\", \"user_id\": \"parallel\"}";
      calls.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> http.post("/key/generate", MASTER, body)));
      calls.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> http.post("/key/update", MASTER,
          "{\"key_alias\": \"upd-missing\", \"max_budget\": 1}")));
    }
    List<Integer> statuses = calls.stream().map(c -> c.join().status()).toList();
    assertThat(statuses).containsOnly(200, 404);
    assertThat(http.get("/key/list?user_id=parallel", MASTER).json().get("total_count").asInt()).isEqualTo(24);
  }

  @Test
  void onlyTheMasterKeyManagesKeys() {
    String key = generate("{}").get("key").asText();
    Reply asVirtual = http.post("/key/generate", key, "{}");
    assertThat(asVirtual.status()).isEqualTo(403);
    assertThat(http.get("/key/list", key).status()).isEqualTo(403);
    assertThat(http.post("/key/generate", null, "{}").status()).isEqualTo(401);
    assertThat(http.post("/key/generate", "sk-not-a-real-key-at-all", "{}").status()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvFileSource(resources = "/keys/bad/cases.csv")
  void badInputIsA4xxNamingTheProblem(String path, String fixture, int status, String param, String fragment) {
    Reply r = http.post(path, MASTER, Http.fixture("/keys/bad/" + fixture));
    assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
    assertThat(r.error().get("message").asText()).contains(fragment);
    assertThat(r.error().get("code").asText()).isEqualTo(Integer.toString(status));
    if (!"-".equals(param)) {
      assertThat(r.error().get("param").asText()).isEqualTo(param);
    }
  }
}
