package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * {@code /v1/messages} and {@code /v1/messages/count_tokens} over plain HTTP, for what an SDK would hide: the exact
 * error bodies (Anthropic's shape for bad input, auth, route permissions, rate limits and budgets), the
 * {@code x-api-key} header, the spend row of a call, and token counting.
 */
class MessagesHttpTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String FIXTURES = "/gateway/messages/";
  private static RunningGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/messages/messages-config.yaml");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
  }

  /** A POST with the key in {@code header} ({@code x-api-key}, or {@code authorization} as a bearer token). */
  private static HttpResponse<String> post(String path, String header, String key, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("content-type", "application/json").header("anthropic-version", "2026-10-21")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header(header, header.equals("authorization") ? "Bearer " + key : key);
    }
    return CLIENT.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  private static JsonNode json(HttpResponse<String> r) {
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  /** Asserts Anthropic's error shape with this status and type; returns the message. */
  private static String anthropicError(HttpResponse<String> r, int status, String type) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = json(r);
    assertThat(body.get("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).as(r.body()).isEqualTo(type);
    return body.at("/error/message").asText();
  }

  private static String newKey(String settings) {
    Http.Reply created = new Http(gw).post("/key/generate", RunningGateway.MASTER_KEY, settings);
    assertThat(created.status()).isEqualTo(200);
    return created.json().get("key").asText();
  }

  @ParameterizedTest
  @CsvFileSource(resources = FIXTURES + "bad-input.csv")
  void badInputIsAnAnthropicShaped400(String fixture, String expected) {
    HttpResponse<String> r = post("/v1/messages", "x-api-key", RunningGateway.MASTER_KEY,
        Http.fixture(FIXTURES + fixture));

    assertThat(anthropicError(r, 400, "invalid_request_error")).contains(expected);
    assertThat(gw.fake().requests()).isEmpty();
  }

  @Test
  void theKeyMayComeInXApiKeyOrAsABearerToken() {
    String body = Http.fixture(FIXTURES + "priced-call.json");

    assertThat(post("/v1/messages", "x-api-key", RunningGateway.MASTER_KEY, body).statusCode()).isEqualTo(200);
    assertThat(post("/v1/messages", "authorization", RunningGateway.MASTER_KEY, body).statusCode()).isEqualTo(200);
    anthropicError(post("/v1/messages", "x-api-key", "sk-wrong", body), 401, "authentication_error");
    anthropicError(post("/v1/messages", "x-api-key", null, body), 401, "authentication_error");
  }

  @Test
  void theSpendRowHasTokensCostAndTheDeployment() {
    gw.fake().script("gpt-fake-upstream", Behavior.reply("Foxes are small omnivorous mammals."));
    String key = newKey("{}");

    HttpResponse<String> r = post("/v1/messages", "x-api-key", key, Http.fixture(FIXTURES + "priced-call.json"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-litellm-model-id")).isPresent();
    assertThat(Double.parseDouble(r.headers().firstValue("x-litellm-response-cost").orElseThrow())).isPositive();
    JsonNode usage = json(r).get("usage");
    gw.controlPlane().spend().flush();
    JsonNode row = gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT prompt_tokens, "
          + "completion_tokens, spend, call_type, model_group, model_id, end_user, status FROM tg_spend_logs "
          + "WHERE api_key = '" + Keys.hash(key) + "'")) {
        assertThat(rs.next()).isTrue();
        var n = Json.object();
        n.put("prompt", rs.getLong(1)).put("completion", rs.getLong(2)).put("spend", rs.getDouble(3))
            .put("call_type", rs.getString(4)).put("model_group", rs.getString(5)).put("model_id", rs.getString(6))
            .put("end_user", rs.getString(7)).put("status", rs.getString(8));
        return n;
      }
    });
    assertThat(row.get("prompt").asLong()).isEqualTo(usage.get("input_tokens").asLong()).isPositive();
    assertThat(row.get("completion").asLong()).isEqualTo(usage.get("output_tokens").asLong()).isPositive();
    assertThat(row.get("spend").asDouble()).isCloseTo(
        row.get("prompt").asLong() * 0.000002 + row.get("completion").asLong() * 0.000008,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(row.get("call_type").asText()).isEqualTo("anthropic_messages");
    assertThat(row.get("model_group").asText()).isEqualTo("gpt-fake");
    assertThat(row.get("model_id").asText()).isEqualTo(r.headers().firstValue("x-litellm-model-id").orElseThrow());
    assertThat(row.get("end_user").asText()).isEqualTo("end-user-7");
    assertThat(row.get("status").asText()).isEqualTo("success");
  }

  @Test
  void aPassedThroughStreamIsPricedFromItsUsageEvents() {
    gw.fake().script("claude-sonnet-4-5", Behavior.reply("one two three four").chunked(4));
    String key = newKey("{}");
    String body = Http.fixture(FIXTURES + "priced-call.json").replace("\"gpt-fake\"", "\"claude-fake\"")
        .replace("\"max_tokens\"", "\"stream\": true, \"max_tokens\"");

    HttpResponse<String> r = post("/v1/messages", "authorization", key, body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).startsWith("event: message_start\n").endsWith("event: message_stop\n"
        + "data: {\"type\":\"message_stop\"}\n\n").doesNotContain("[DONE]");
    gw.controlPlane().spend().flush();
    double spend = gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT spend, completion_tokens "
          + "FROM tg_spend_logs WHERE api_key = '" + Keys.hash(key) + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(2)).isEqualTo(5);
        return rs.getDouble(1);
      }
    });
    assertThat(spend).isPositive();
  }

  @Test
  void routePermissionsKnowTheMessagesRoutes() {
    String anthropicOnly = newKey("{\"allowed_routes\": [\"anthropic_routes\"]}");
    String openAiOnly = newKey("{\"allowed_routes\": [\"openai_routes\"]}");
    String llm = newKey("{\"allowed_routes\": [\"llm_api_routes\"]}");
    String body = Http.fixture(FIXTURES + "priced-call.json");

    assertThat(post("/v1/messages", "x-api-key", anthropicOnly, body).statusCode()).isEqualTo(200);
    assertThat(post("/v1/messages/count_tokens", "x-api-key", anthropicOnly,
        Http.fixture(FIXTURES + "count-tokens.json")).statusCode()).isEqualTo(200);
    assertThat(post("/v1/messages", "x-api-key", llm, body).statusCode()).isEqualTo(200);
    assertThat(anthropicError(post("/v1/messages", "x-api-key", openAiOnly, body), 403, "permission_error"))
        .contains("/v1/messages");
  }

  @Test
  void rateLimitAndBudgetRefusalsAreAnthropicShaped() {
    String limited = newKey("{\"rpm_limit\": 1}");
    String body = Http.fixture(FIXTURES + "priced-call.json");
    assertThat(post("/v1/messages", "x-api-key", limited, body).statusCode()).isEqualTo(200);
    anthropicError(post("/v1/messages", "x-api-key", limited, body), 429, "rate_limit_error");

    String broke = newKey("{\"max_budget\": 0.0000001}");
    assertThat(post("/v1/messages", "x-api-key", broke, body).statusCode()).isEqualTo(200);
    assertThat(anthropicError(post("/v1/messages", "x-api-key", broke, body), 400, "invalid_request_error"))
        .contains("Budget has been exceeded");
  }

  @Test
  void countTokensCountsSystemMessagesAndTools() {
    HttpResponse<String> withTools = post("/v1/messages/count_tokens", "x-api-key", RunningGateway.MASTER_KEY,
        Http.fixture(FIXTURES + "count-tokens.json"));
    HttpResponse<String> without = post("/v1/messages/count_tokens", "x-api-key", RunningGateway.MASTER_KEY,
        Http.fixture(FIXTURES + "count-tokens-no-tools.json"));

    assertThat(withTools.statusCode()).as(withTools.body()).isEqualTo(200);
    long counted = json(without).get("input_tokens").asLong();
    assertThat(counted).isBetween(10L, 40L);
    assertThat(json(withTools).get("input_tokens").asLong()).isGreaterThan(counted + 10);
    assertThat(json(withTools).size()).isEqualTo(1);
    assertThat(gw.fake().requests()).isEmpty();
    anthropicError(post("/v1/messages/count_tokens", "x-api-key", RunningGateway.MASTER_KEY,
        "{\"model\": \"claude-fake\"}"), 400, "invalid_request_error");
  }

  @Test
  void aPassthroughDropsControlFieldsKeepsUserIdAndForwardsBetas() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/v1/messages")))
        .header("content-type", "application/json").header("x-api-key", RunningGateway.MASTER_KEY)
        .header("anthropic-version", "2026-10-21").header("anthropic-beta", "context-1m-2025-08-07")
        .POST(HttpRequest.BodyPublishers.ofString(Http.fixture(FIXTURES + "passthrough-controls.json"))).build();

    HttpResponse<String> r = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200); // the fake refuses unknown fields such as "tags"
    JsonNode sent = gw.fake().lastRequest().json();
    assertThat(sent.has("tags")).isFalse();
    assertThat(sent.has("num_retries")).isFalse();
    assertThat(sent.at("/metadata/user_id").asText()).isEqualTo("end-user-9");
    assertThat(gw.fake().lastRequest().header("anthropic-beta")).isEqualTo("context-1m-2025-08-07");
    assertThat(gw.fake().lastRequest().header("anthropic-version")).isEqualTo("2023-06-01");
  }

  @Test
  void aTranslatedStreamThatBreaksEndsWithAnAnthropicErrorEvent() {
    gw.fake().script("gpt-fake-upstream", Behavior.reply("once upon a time there was a gateway").chunked(8)
        .breakAfter(3));

    HttpResponse<String> r = post("/v1/messages", "x-api-key", RunningGateway.MASTER_KEY,
        Http.fixture(FIXTURES + "translated-stream.json"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("event: message_start\n").contains("event: content_block_delta\n")
        .doesNotContain("message_stop");
    String last = r.body().substring(r.body().lastIndexOf("event: "));
    assertThat(last).startsWith("event: error\ndata: ");
    JsonNode error = Json.tree(last.substring(last.indexOf("data: ") + 6).strip().getBytes(StandardCharsets.UTF_8));
    assertThat(error.get("type").asText()).isEqualTo("error");
    assertThat(error.at("/error/type").asText()).isEqualTo("api_error");
  }

  @Test
  void anAnthropicDeploymentThatFailsFallsBackToATranslatedOne() {
    gw.fake().script("claude-sonnet-4-5", dev.tollgate.testkit.AnthropicError.behavior(529, "overloaded_error",
        "Overloaded"));
    gw.fake().script("gpt-fake-upstream", Behavior.reply("answered by the fallback"));

    HttpResponse<String> r = post("/v1/messages", "x-api-key", RunningGateway.MASTER_KEY,
        Http.fixture(FIXTURES + "fallback-to-gpt.json"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).at("/content/0/text").asText()).isEqualTo("answered by the fallback");
    assertThat(r.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
    assertThat(r.headers().firstValue("x-litellm-model-group")).hasValue("gpt-fake");
    // translated from the request as sent, not from the body the Anthropic attempt edited
    JsonNode sent = gw.fake().lastRequest().json();
    assertThat(sent.get("model").asText()).isEqualTo("gpt-fake-upstream");
    assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Hello from a fallback");
    assertThat(sent.get("user").asText()).isEqualTo("end-user-5");
    assertThat(sent.has("fallbacks")).isFalse();
  }
}
