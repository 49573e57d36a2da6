package dev.tollgate.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * {@code GET /health}, {@code POST /health/test_connection} and {@code GET /tollgate/router/state} over HTTP against
 * the fake upstream (health/health-config.yaml): real calls, healthy and unhealthy deployments, readable errors that
 * never carry a credential, roles, and a deployment seen cooling down after failures.
 */
class HealthRoutesTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final String SECRET = "sk-health-secret";
  private static RunningGateway gw;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/health/health-config.yaml");
    http = new Http(gw);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
    gw.fake().script("fake-embedder", Behavior.embedding(4));
    gw.fake().script("leaky-upstream", Behavior.openAiError(401,
        "Incorrect API key provided: sk-health-secret-leaky-9012. You can find your API key at example.org.",
        "invalid_request_error", "invalid_api_key"));
  }

  @Test
  void healthCallsEveryDeploymentAndSortsThemIntoHealthyAndUnhealthy() {
    Reply r = http.get("/health", MASTER);

    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(ids(body.get("healthy_endpoints")))
        .containsExactlyInAnyOrder("healthy-1", "embed-1", "bedrock-1", "mock-1", "flaky-1");
    assertThat(ids(body.get("unhealthy_endpoints"))).containsExactlyInAnyOrder("dead-1", "leaky-1", "wild-1");
    assertThat(body.get("healthy_count").asInt()).isEqualTo(5);
    assertThat(body.get("unhealthy_count").asInt()).isEqualTo(3);
    assertThat(body.toString()).doesNotContain(SECRET).doesNotContain("fake/bedrock+secret")
        .doesNotContain("AKIAFAKEBEDROCK0001");

    JsonNode healthy = endpoint(body.get("healthy_endpoints"), "healthy-1");
    assertThat(healthy.get("model").asText()).isEqualTo("openai/fake-healthy");
    assertThat(healthy.get("api_base").asText()).isEqualTo(gw.fake().baseUrl());
    assertThat(healthy.get("rpm").asInt()).isEqualTo(600);
    assertThat(healthy.has("error")).isFalse();
    assertThat(endpoint(body.get("healthy_endpoints"), "bedrock-1").get("aws_region_name").asText())
        .isEqualTo("us-east-1");

    // a real minimal call reached the upstream: one short user message, max_tokens 16, the deployment's own key
    RecordedRequest call = only(gw.fake().requests(), "fake-healthy");
    assertThat(call.header("authorization")).isEqualTo("Bearer sk-health-secret-healthy-1234");
    assertThat(call.json().get("max_tokens").asInt()).isEqualTo(16);
    assertThat(call.json().get("messages")).hasSize(1);
    assertThat(only(gw.fake().requests(), "fake-embedder").path()).endsWith("/embeddings");
  }

  @Test
  void anUnreachableDeploymentIsUnhealthyWithAReadableErrorAndNoKey() {
    Reply r = http.get("/health?model_id=dead-1", MASTER);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("healthy_endpoints")).isEmpty();
    JsonNode dead = endpoint(r.json().get("unhealthy_endpoints"), "dead-1");
    assertThat(dead.get("model").asText()).isEqualTo("openai/dead-upstream");
    assertThat(dead.get("error").asText()).startsWith("APIConnectionError: ").contains("127.0.0.1:1");
    assertThat(dead.get("exception_status").asInt()).isEqualTo(500);
    assertThat(r.json().toString()).doesNotContain(SECRET);
  }

  @Test
  void anUpstreamThatEchoesTheKeyHasItRedacted() {
    JsonNode leaky = endpoint(http.get("/health?model=leaky-gpt", MASTER).json().get("unhealthy_endpoints"),
        "leaky-1");

    assertThat(leaky.get("error").asText()).startsWith("AuthenticationError: ")
        .contains("Incorrect API key provided: [redacted]").doesNotContain(SECRET);
    assertThat(leaky.get("exception_status").asInt()).isEqualTo(401);
  }

  @Test
  void aWildcardWithoutHealthCheckModelSaysHowToCheckIt() {
    JsonNode wild = endpoint(http.get("/health?model_id=wild-1", MASTER).json().get("unhealthy_endpoints"), "wild-1");

    assertThat(wild.get("error").asText()).contains("model_info.health_check_model");
    assertThat(gw.fake().requests()).isEmpty();
  }

  @Test
  void modelPicksADeploymentByNameOrUpstreamModelAndAnUnknownIdIsA404() {
    assertThat(ids(http.get("/health?model=fake-gpt", MASTER).json().get("healthy_endpoints")))
        .containsExactly("healthy-1");
    assertThat(ids(http.get("/health?model=openai/fake-healthy", MASTER).json().get("healthy_endpoints")))
        .containsExactly("healthy-1");
    Reply none = http.get("/health?model=no-such-model", MASTER);
    assertThat(none.json().get("healthy_count").asInt() + none.json().get("unhealthy_count").asInt()).isZero();

    Reply unknown = http.get("/health?model_id=nope", MASTER);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error().get("message").asText()).isEqualTo("Model with ID nope not found");
  }

  @Test
  void onlyProxyAdminsMayRunHealthChecksAndViewersMayReadRouterState() {
    String viewer = userKey("health-viewer", "proxy_admin_viewer");
    String internal = userKey("health-internal", "internal_user");

    assertThat(http.get("/health", null).status()).isEqualTo(401);
    assertThat(http.get("/health", viewer).status()).isEqualTo(403);
    assertThat(http.get("/health", internal).status()).isEqualTo(403);
    assertThat(http.post("/health/test_connection", viewer, body("/health/test-connection-fake.json")).status())
        .isEqualTo(403);
    assertThat(gw.fake().requests()).isEmpty();

    assertThat(http.get("/tollgate/router/state", viewer).status()).isEqualTo(200);
    assertThat(http.get("/tollgate/router/state", internal).status()).isEqualTo(403);
  }

  @Test
  void testConnectionSucceedsAgainstTheFakeAndShowsNoKey() {
    Reply r = http.post("/health/test_connection", MASTER, body("/health/test-connection-fake.json"));

    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("success");
    assertThat(r.json().get("result").get("model").asText()).isEqualTo("openai/probe-upstream");
    assertThat(r.json().get("result").get("api_base").asText()).isEqualTo(gw.fake().baseUrl());
    assertThat(r.json().toString()).doesNotContain("sk-probe-secret");
    assertThat(only(gw.fake().requests(), "probe-upstream").header("authorization"))
        .isEqualTo("Bearer sk-probe-secret-0001");
  }

  @Test
  void testConnectionToAClosedPortIsAnErrorResultThatSaysWhy() {
    Reply r = http.post("/health/test_connection", MASTER, body("/health/test-connection-closed.json"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("error");
    assertThat(r.json().get("result").get("error").asText()).startsWith("APIConnectionError: ")
        .contains("127.0.0.1:1");
    assertThat(r.json().toString()).doesNotContain("sk-probe-secret");
  }

  @Test
  void testConnectionOfAModelThatDoesNotBuildIsAnErrorResultNamingTheProblem() {
    Reply r = http.post("/health/test_connection", MASTER, body("/health/test-connection-unknown-provider.json"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("error");
    assertThat(r.json().get("result").get("error").asText()).contains("nosuchprovider");
    assertThat(r.json().toString()).doesNotContain("sk-probe-secret");
  }

  @Test
  void testConnectionUsesTheStoredCredentialsOfTheDeploymentItNames() {
    for (String file : List.of("/health/test-connection-by-id.json", "/health/test-connection-by-name.json")) {
      gw.fake().clearRequests();
      Reply r = http.post("/health/test_connection", MASTER, body(file));

      assertThat(r.json().get("status").asText()).as(file + ": " + r.json()).isEqualTo("success");
      assertThat(r.json().get("result").get("model").asText()).isEqualTo("openai/fake-healthy");
      assertThat(r.json().toString()).doesNotContain(SECRET);
      assertThat(only(gw.fake().requests(), "fake-healthy").header("authorization"))
          .isEqualTo("Bearer sk-health-secret-healthy-1234");
    }
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/health/bad/cases.csv")
  void badTestConnectionBodiesAreRefused(String file, int status, String word) {
    Reply r = http.post("/health/test_connection", MASTER, Http.fixture("/health/bad/" + file));

    assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
    assertThat(r.error().get("message").asText()).contains(word);
    assertThat(gw.fake().requests()).isEmpty();
  }

  @Test
  void routerStateShowsADeploymentCoolingDownAfterItsAllowedFails() {
    gw.fake().script("flaky-upstream", Behavior.openAiError(500, "upstream exploded", "server_error", null));
    JsonNode before = http.get("/tollgate/router/state?model_id=flaky-1", MASTER).json();
    assertThat(before.get("deployments").get(0).get("cooling_down").asBoolean()).isFalse();

    // allowed_fails: 1 in the config: the second failure within the minute cools the deployment down
    for (int i = 0; i < 2; i++) {
      assertThat(chat("flaky-gpt").status()).isEqualTo(500);
    }

    Reply r = http.get("/tollgate/router/state", MASTER);
    assertThat(r.status()).isEqualTo(200);
    JsonNode flaky = deployment(r.json(), "flaky-1");
    assertThat(flaky.get("model_name").asText()).isEqualTo("flaky-gpt");
    assertThat(flaky.get("cooling_down").asBoolean()).isTrue();
    assertThat(flaky.get("cooldown_reason").asText()).isEqualTo("500 InternalServerError");
    assertThat(flaky.get("cooldown_seconds_left").asDouble()).isBetween(20.0, 30.0);
    assertThat(flaky.get("recent_failures").asInt()).isEqualTo(2);
    assertThat(flaky.get("last_failure").asText()).isEqualTo("500 InternalServerError");
    assertThat(flaky.get("in_flight").asInt()).isZero();
    assertThat(ids(r.json().get("cooldowns"))).containsExactly("flaky-1");

    JsonNode healthy = deployment(r.json(), "healthy-1");
    assertThat(healthy.get("cooling_down").asBoolean()).isFalse();
    assertThat(healthy.get("cooldown_until").isNull()).isTrue();
    assertThat(healthy.get("rpm").asInt()).isEqualTo(600);
    assertThat(r.json().toString()).doesNotContain(SECRET);

    // the health check bypasses the router: it calls the cooling deployment all the same, and cools nothing
    gw.fake().script("flaky-upstream", Behavior.reply("fine again"));
    assertThat(ids(http.get("/health?model_id=flaky-1", MASTER).json().get("healthy_endpoints")))
        .containsExactly("flaky-1");
    assertThat(deployment(http.get("/tollgate/router/state?model=flaky-gpt", MASTER).json(), "flaky-1")
        .get("recent_failures").asInt()).isEqualTo(2);
  }

  @Test
  void modelInfoShowsNoCredentialOfAnyKind() {
    Reply r = http.get("/model/info", MASTER);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().toString()).doesNotContain(SECRET).doesNotContain("fake/bedrock+secret")
        .doesNotContain("AKIAFAKEBEDROCK0001");
    for (JsonNode d : r.json().get("data")) {
      assertThat(d.get("litellm_params").has("api_key")).isFalse();
      assertThat(d.get("litellm_params").has("aws_secret_access_key")).isFalse();
      assertThat(d.get("model_info").has("db_model")).isTrue();
    }
  }

  private static Reply chat(String model) {
    return http.post("/v1/chat/completions", MASTER,
        "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
  }

  private static String userKey(String user, String role) {
    Reply r = http.post("/user/new", MASTER, "{\"user_id\": \"" + user + "\", \"user_role\": \"" + role + "\"}");
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json().get("key").asText();
  }

  private static String body(String fixture) {
    return Http.fixture(fixture).replace("BASE", gw.fake().baseUrl());
  }

  private static List<String> ids(JsonNode endpoints) {
    List<String> out = new ArrayList<>();
    endpoints.forEach(e -> out.add(e.get("model_id").asText()));
    return out;
  }

  private static JsonNode endpoint(JsonNode endpoints, String id) {
    for (JsonNode e : endpoints) {
      if (e.get("model_id").asText().equals(id)) {
        return e;
      }
    }
    throw new AssertionError("no endpoint " + id + " in " + endpoints);
  }

  private static JsonNode deployment(JsonNode state, String id) {
    return endpoint(state.get("deployments"), id);
  }

  private static RecordedRequest only(List<RecordedRequest> requests, String model) {
    List<RecordedRequest> matching = requests.stream()
        .filter(r -> r.json() != null && model.equals(r.json().path("model").asText())).toList();
    assertThat(matching).as("requests for " + model).hasSize(1);
    return matching.get(0);
  }
}
