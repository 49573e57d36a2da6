package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.FakeGuardrailService;
import dev.tollgate.testkit.GuardrailAnswer;
import dev.tollgate.testkit.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Remote guardrails through a running gateway: LiteLLM's generic guardrail API against the fake guardrail service
 * (block, mask and pass in each mode, during-call beside the model call, timeouts and failures with both fail modes,
 * a stream cut at its end, logging-only off the response path) and the LLM judge through the router (allow, block,
 * a fallback judge group, a failing judge), with the OpenAI Java SDK as the client where it can express the call.
 */
class RemoteGuardrailsHttpTest {
  private static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final List<String> ROUTES = List.of("pre", "post", "during", "slow", "broken", "stream", "log");
  private static FakeGuardrailService guard;
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    guard = FakeGuardrailService.start();
    Map<String, String> env = new HashMap<>();
    ROUTES.forEach(r -> env.put("FAKE_GUARD_" + r.toUpperCase(java.util.Locale.ROOT), guard.url(r)));
    env.put("CLOSED_PORT_BASE", "http://127.0.0.1:1");
    gw = RunningGateway.start("/guardrails/remote/gateway-config.yaml", env);
    client = OpenAIOkHttpClient.builder().apiKey(RunningGateway.MASTER_KEY).baseUrl(gw.baseUrl()).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gw.close();
    guard.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
    guard.reset();
  }

  private static ChatCompletionCreateParams chat(String model, String text, String marker, String... guardrails) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(text)
        .putAdditionalBodyProperty("guardrails", JsonValue.from(List.of(guardrails)))
        .putAdditionalBodyProperty("metadata", JsonValue.from(Map.of("test_marker", marker))).build();
  }

  private static String content(ChatCompletion c) {
    return c.choices().get(0).message().content().orElseThrow();
  }

  private static String fixture(String name) {
    return Http.fixture("/guardrails/remote/" + name);
  }

  private static HttpResponse<String> raw(String path, String fixture) {
    try {
      return RAW.send(request(path, fixture), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest request(String path, String fixture) {
    return HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(fixture("requests/" + fixture))).build();
  }

  // -------------------------------------------------------------------------------------------- pre call (HTTP)

  @Test
  void aPreCallServiceThatPassesSeesTheTextsAndTheCallersFacts() {
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-pass", "where is my order?", "pre-pass",
        "g-pre"));
    assertThat(content(c)).isEqualTo("echo: where is my order?");

    RecordedRequest call = guard.lastCall("pre");
    JsonNode sent = call.json();
    assertThat(sent.at("/texts/0").asText()).isEqualTo("where is my order?");
    assertThat(sent.get("input_type").asText()).isEqualTo("request");
    assertThat(sent.get("model").asText()).isEqualTo("fake/gpt-pass");
    assertThat(sent.get("litellm_call_id").asText()).isNotBlank();
    assertThat(sent.at("/request_data/user_api_key_hash").asText()).hasSize(64);
    assertThat(sent.at("/additional_provider_specific_params/policy").asText()).isEqualTo("strict");
    assertThat(sent.at("/request_headers/authorization").asText()).isEqualTo("[present]");
    assertThat(sent.toString()).doesNotContain(RunningGateway.MASTER_KEY);
    assertThat(call.header("x-api-key")).isEqualTo("guard-key-1");
    assertThat(call.header("x-tenant")).isEqualTo("acme");

    JsonNode run = runs("pre-pass").get(0);
    assertThat(run.get("guardrail_name").asText()).isEqualTo("g-pre");
    assertThat(run.get("guardrail_status").asText()).isEqualTo("passed");
  }

  @Test
  void aPreCallServiceThatBlocksRefusesBeforeTheModelIsCalled() {
    guard.script("pre", GuardrailAnswer.block("mentions a competitor"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/gpt-x", "is acme better?", "pre-block",
        "g-pre"))).isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
            .contains("Violated guardrail policy").contains("g-pre").contains("pre_call")
            .contains("mentions a competitor"));
    assertThat(gw.fake().requests()).isEmpty();
    JsonNode run = runs("pre-block").get(0);
    assertThat(run.get("guardrail_status").asText()).isEqualTo("blocked");
    assertThat(run.get("blocked_reason").asText()).isEqualTo("mentions a competitor");
  }

  @Test
  void aPreCallMaskIsWhatTheModelReceivesAndMasksChainInConfigOrder() {
    guard.script("pre", GuardrailAnswer.mask("\\d{3}-\\d{4}", "[PHONE]"));
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-mask",
        "mail jane@example.com or call 555-0132", "pre-mask", "g-pre", "pii-first"));
    String upstream = gw.fake().lastRequest().json().at("/messages/0/content").asText();
    assertThat(upstream).isEqualTo("mail <EMAIL_ADDRESS> or call [PHONE]");
    assertThat(content(c)).isEqualTo("echo: mail <EMAIL_ADDRESS> or call [PHONE]");
    // the built-in ran first (config order): the service was sent the e-mail already masked
    assertThat(guard.lastCall("pre").json().at("/texts/0").asText()).isEqualTo("mail <EMAIL_ADDRESS> or call 555-0132");
    assertThat(runs("pre-mask").findValuesAsText("guardrail_status")).containsExactly("masked", "masked");
  }

  @Test
  void theMessagesRouteMasksAndBlocksThroughARemotePreCallGuardrail() {
    guard.script("pre", GuardrailAnswer.mask("\\d{3}-\\d{4}", "[PHONE]"));
    HttpResponse<String> masked = raw("/v1/messages", "messages-pre.json");
    assertThat(masked.statusCode()).as(masked.body()).isEqualTo(200);
    JsonNode texts = guard.lastCall("pre").json().get("texts");
    assertThat(texts.get(0).asText()).isEqualTo("be brief");
    assertThat(texts.get(1).asText()).isEqualTo("call me at 555-0132");
    assertThat(gw.fake().lastRequest().bodyString()).contains("call me at [PHONE]").doesNotContain("555-0132");

    guard.script("pre", GuardrailAnswer.block("no phone numbers"));
    HttpResponse<String> blocked = raw("/v1/messages", "messages-pre.json");
    assertThat(blocked.statusCode()).isEqualTo(400);
    JsonNode error = Json.tree(blocked.body().getBytes(StandardCharsets.UTF_8));
    assertThat(error.get("type").asText()).isEqualTo("error");
    assertThat(error.at("/error/message").asText()).contains("g-pre").contains("no phone numbers");
  }

  // ---------------------------------------------------------------------------------- post and during call (HTTP)

  @Test
  void aPostCallServiceMasksOrBlocksTheReply() {
    gw.fake().script("gpt-post", Behavior.reply("your code is 1234-5678"));
    guard.script("post", GuardrailAnswer.mask("\\d{4}-\\d{4}", "[CODE]"));
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-post", "my code?", "post-mask", "g-post"));
    assertThat(content(c)).isEqualTo("your code is [CODE]");
    JsonNode sent = guard.lastCall("post").json();
    assertThat(sent.get("input_type").asText()).isEqualTo("response");
    assertThat(sent.at("/texts/0").asText()).isEqualTo("your code is 1234-5678");

    guard.script("post", GuardrailAnswer.block("leaks a code"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/gpt-post", "my code?", "post-block",
        "g-post"))).isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
            .contains("g-post").contains("post_call").contains("leaks a code").doesNotContain("1234"));

    guard.script("post", GuardrailAnswer.pass());
    assertThat(content(client.chat().completions().create(chat("fake/gpt-post", "my code?", "post-pass",
        "g-post")))).isEqualTo("your code is 1234-5678");
  }

  @Test
  void aDuringCallServiceIsAskedWhileTheModelIsCalledAndItsBlockCancelsTheAnswer() throws Exception {
    CompletableFuture<Void> release = new CompletableFuture<>();
    guard.script("during", GuardrailAnswer.block("the vendor says no").heldUntil(release));
    CompletableFuture<HttpResponse<String>> pending = RAW.sendAsync(request("/v1/chat/completions",
        "during-stream-block.json"), HttpResponse.BodyHandlers.ofString());
    // the model is called while the guardrail's verdict is still held back
    awaitUntil(() -> !gw.fake().requests().isEmpty() && !guard.calls("during").isEmpty());
    assertThat(pending).isNotDone();
    release.complete(null);
    HttpResponse<String> r = pending.get();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("g-during").contains("during_call").contains("the vendor says no")
        .doesNotContain("data:");
  }

  @Test
  void aDuringCallServiceThatPassesReleasesTheAnswer() {
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-during", "fine text", "during-pass",
        "g-during"));
    assertThat(content(c)).isEqualTo("echo: fine text");
    assertThat(runs("during-pass").get(0).get("guardrail_mode").asText()).isEqualTo("during_call");
  }

  // ------------------------------------------------------------------------------------------ failures and modes

  @Test
  void aTimeoutFailsClosedWithA503NamingTheGuardrail() {
    guard.script("slow", GuardrailAnswer.pass().delayed(Duration.ofSeconds(3)));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/gpt-slow", "hello", "slow-closed",
        "g-slow-closed"))).isInstanceOfSatisfying(InternalServerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(503);
          assertThat(e.getMessage()).contains("g-slow-closed").contains("no verdict within 300 ms")
              .contains("fails closed");
        });
    assertThat(gw.fake().requests()).isEmpty();
    JsonNode run = runs("slow-closed").get(0);
    assertThat(run.get("guardrail_status").asText()).isEqualTo("timeout");
    assertThat(run.get("fail_open").asBoolean()).isFalse();
  }

  @Test
  void aTimeoutFailsOpenWhenConfiguredAndTheRunIsRecorded() {
    guard.script("slow", GuardrailAnswer.block("too late to matter").delayed(Duration.ofSeconds(3)));
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-slow", "hello", "slow-open",
        "g-slow-open"));
    assertThat(content(c)).isEqualTo("echo: hello");
    JsonNode run = runs("slow-open").get(0);
    assertThat(run.get("guardrail_status").asText()).isEqualTo("timeout");
    assertThat(run.get("fail_open").asBoolean()).isTrue();
    assertThat(run.get("error").asText()).contains("300 ms");
    assertThat(metrics()).containsPattern(
        "tollgate_guardrail_runs_total\\{[^}]*guardrail=\"g-slow-open\"[^}]*outcome=\"timeout\"[^}]*} [1-9]");
  }

  @Test
  void a500IsAnErrorThatUnreachableFallbackDoesNotCoverButFailOnErrorFalseDoes() {
    guard.script("broken", GuardrailAnswer.status(500, "{\"detail\": \"internal\"}"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/gpt-b", "hello", "broken-open",
        "g-broken-open"))).isInstanceOfSatisfying(InternalServerException.class, e ->
            assertThat(e.getMessage()).contains("g-broken-open").contains("HTTP 500"));
    JsonNode refused = runs("broken-open").get(0);
    assertThat(refused.get("guardrail_status").asText()).isEqualTo("error");
    assertThat(refused.get("http_status").asInt()).isEqualTo(500);

    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-b", "hello", "broken-lenient",
        "g-broken-lenient"));
    assertThat(content(c)).isEqualTo("echo: hello");
    JsonNode passed = runs("broken-lenient").get(0);
    assertThat(passed.get("guardrail_status").asText()).isEqualTo("error");
    assertThat(passed.get("fail_open").asBoolean()).isTrue();
  }

  @Test
  void garbageAndA503AreRefusedOrPassedByTheirKind() {
    guard.script("broken", GuardrailAnswer.json("<html>oops</html>"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/gpt-b", "hello", "garbage",
        "g-broken-open"))).isInstanceOfSatisfying(InternalServerException.class, e ->
            assertThat(e.getMessage()).contains("g-broken-open").contains("not a JSON object"));

    guard.script("broken", GuardrailAnswer.status(503, "busy"));
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-b", "hello", "busy", "g-broken-open"));
    assertThat(content(c)).isEqualTo("echo: hello"); // 503 is "unreachable": fail_open applies
  }

  @Test
  void anUnreachableServiceFailsOpenWhenConfigured() {
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-down", "hello", "down", "g-down-open"));
    assertThat(content(c)).isEqualTo("echo: hello");
    JsonNode run = runs("down").get(0);
    assertThat(run.get("guardrail_status").asText()).isEqualTo("error");
    assertThat(run.get("error").asText()).contains("could not be reached");
  }

  // ---------------------------------------------------------------------------------------------------- streams

  @Test
  void aRemotePostCallBlockCutsTheStreamBeforeItsEnd() {
    gw.fake().script("gpt-stream-remote", Behavior.reply("once upon a time there was a secret plan").chunked(4));
    guard.script("stream", GuardrailAnswer.block("reveals the plan"));
    HttpResponse<String> r = raw("/v1/chat/completions", "stream-cut.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"error\"").contains("g-stream").contains("reveals the plan")
        .doesNotContain("[DONE]");
    // the service judged the whole text, once
    assertThat(guard.calls("stream")).hasSize(1);
    assertThat(guard.lastCall("stream").json().at("/texts/0").asText())
        .isEqualTo("once upon a time there was a secret plan");
  }

  @Test
  void aStreamThatPassesEndsNormallyOnBothRoutes() {
    gw.fake().script("gpt-stream-remote", Behavior.reply("a short and harmless story").chunked(3));
    HttpResponse<String> r = raw("/v1/chat/completions", "stream-cut.json");
    assertThat(r.body()).contains("\"finish_reason\":\"stop\"").contains("[DONE]").doesNotContain("\"error\"");
    assertThat(guard.lastCall("stream").json().at("/texts/0").asText()).isEqualTo("a short and harmless story");

    gw.fake().script("claude-stream-remote", Behavior.reply("another harmless story").chunked(3));
    HttpResponse<String> m = raw("/v1/messages", "messages-stream-cut.json");
    assertThat(m.body()).contains("message_delta").contains("message_stop").doesNotContain("event: error");

    guard.script("stream", GuardrailAnswer.block("no stories"));
    HttpResponse<String> cut = raw("/v1/messages", "messages-stream-cut.json");
    assertThat(cut.body()).contains("event: error").contains("no stories").doesNotContain("message_stop");
  }

  // ----------------------------------------------------------------------------------------------- logging only

  @Test
  void loggingOnlyMasksTheStoredTextWithoutHoldingTheResponse() {
    CompletableFuture<Void> release = new CompletableFuture<>();
    guard.script("log", GuardrailAnswer.mask("\\d{3}-\\d{4}", "[PHONE]").heldUntil(release));
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-log", "call 555-0132", "logged",
        "g-log"));
    assertThat(content(c)).isEqualTo("echo: call 555-0132"); // answered while the service still holds its answer
    assertThat(guard.answered()).isZero();
    release.complete(null);
    awaitUntil(() -> guard.answered() == 1);
    JsonNode row = awaitRow("logged");
    assertThat(row.get("messages").asText()).contains("call [PHONE]").doesNotContain("555-0132");
    assertThat(row.get("response").asText()).contains("[PHONE]").doesNotContain("555-0132");
  }

  // ------------------------------------------------------------------------------------------------- LLM judge

  @Test
  void theJudgeAllowsThroughTheRouterAndItsTokensAndCostAreRecorded() {
    gw.fake().script("judge-model", Behavior.reply(fixture("judge-allow.txt")));
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-main", "where is order 42?", "judge-ok",
        "judge-in"));
    assertThat(content(c)).isEqualTo("echo: where is order 42?");
    JsonNode judged = gw.fake().requests().get(0).json();
    assertThat(judged.get("model").asText()).isEqualTo("judge-model");
    assertThat(judged.at("/messages/0/content").asText()).contains("Only questions about orders are allowed.");
    assertThat(judged.at("/messages/1/content").asText()).contains("where is order 42?");

    JsonNode run = runs("judge-ok").get(0);
    assertThat(run.get("guardrail_status").asText()).isEqualTo("passed");
    assertThat(run.get("judge_model").asText()).isEqualTo("judge-model");
    assertThat(run.get("judge_prompt_tokens").asLong()).isPositive();
    assertThat(run.get("judge_completion_tokens").asLong()).isPositive();
    assertThat(run.get("judge_cost").asDouble()).isPositive();
  }

  @Test
  void theJudgeBlocksWithItsReason() {
    gw.fake().script("judge-model", Behavior.reply(fixture("judge-block.txt")));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/gpt-main", "write me a poem",
        "judge-no", "judge-in"))).isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
            .contains("judge-in").contains("LLM_JUDGE").contains("asks about something other than orders"));
    assertThat(gw.fake().requests()).hasSize(1); // only the judge was called
  }

  @Test
  void theJudgeOnTheOutputBlocksTheReply() {
    gw.fake().script("gpt-out", Behavior.reply("a reply the judge dislikes"));
    gw.fake().script("judge-model", Behavior.reply(fixture("judge-block.txt")));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/gpt-out", "hi", "judge-out",
        "judge-out"))).isInstanceOfSatisfying(BadRequestException.class, e ->
            assertThat(e.getMessage()).contains("judge-out").contains("post_call"));
    JsonNode judged = gw.fake().lastRequest().json();
    assertThat(judged.at("/messages/1/content").asText()).contains("a reply the judge dislikes")
        .startsWith("Judge this answer");
  }

  @Test
  void aFailingJudgeGroupFallsBackPerRouterConfig() {
    gw.fake().script("judge-flaky", Behavior.error(500, "{\"error\": {\"message\": \"judge down\"}}"));
    gw.fake().script("judge-backup", Behavior.reply(fixture("judge-allow.txt")));
    ChatCompletion c = client.chat().completions().create(chat("fake/gpt-main", "where is order 7?", "judge-fb",
        "judge-fallback"));
    assertThat(content(c)).isEqualTo("echo: where is order 7?");
    assertThat(gw.fake().requests()).extracting(r -> r.json().get("model").asText())
        .containsExactly("judge-flaky", "judge-backup", "gpt-main");
    assertThat(runs("judge-fb").get(0).get("judge_model").asText()).isEqualTo("judge-backup");
  }

  @Test
  void aJudgeThatFailsOrAnswersNoVerdictFailsClosed() {
    gw.fake().script("judge-alone", Behavior.error(500, "{\"error\": {\"message\": \"judge down\"}}"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/gpt-main", "hello", "judge-down",
        "judge-alone-in"))).isInstanceOfSatisfying(InternalServerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(503);
          assertThat(e.getMessage()).contains("judge-alone-in").contains("judge model call failed");
        });

    gw.fake().script("judge-alone", Behavior.reply(fixture("judge-unsure.txt")));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/gpt-main", "hello", "judge-unsure",
        "judge-alone-in"))).isInstanceOfSatisfying(InternalServerException.class, e ->
            assertThat(e.getMessage()).contains("holds no verdict"));
    assertThat(gw.fake().requests()).extracting(r -> r.json().get("model").asText()).doesNotContain("gpt-main");
  }

  // ------------------------------------------------------------------------------------------- guardrail routes

  @Test
  void applyGuardrailAndListWorkWithRemoteGuardrails() {
    Http http = new Http(gw);
    guard.script("pre", GuardrailAnswer.mask("\\d{3}-\\d{4}", "[PHONE]"));
    Http.Reply masked = http.post("/guardrails/apply_guardrail", RunningGateway.MASTER_KEY,
        fixture("requests/apply-remote.json"));
    assertThat(masked.status()).as(masked.json().toString()).isEqualTo(200);
    assertThat(masked.json().get("response_text").asText()).isEqualTo("call me at [PHONE]");

    guard.script("pre", GuardrailAnswer.block("no numbers"));
    Http.Reply blocked = http.post("/guardrails/apply_guardrail", RunningGateway.MASTER_KEY,
        fixture("requests/apply-remote.json"));
    assertThat(blocked.status()).isEqualTo(400);
    assertThat(blocked.error().get("message").asText()).contains("no numbers");

    guard.script("pre", GuardrailAnswer.status(500, "{}"));
    Http.Reply down = http.post("/guardrails/apply_guardrail", RunningGateway.MASTER_KEY,
        fixture("requests/apply-remote.json"));
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.error().get("type").asText()).isEqualTo("guardrail_unavailable");

    JsonNode list = http.get("/guardrails/list", RunningGateway.MASTER_KEY).json().get("guardrails");
    assertThat(list.findValuesAsText("guardrail_name")).contains("g-pre", "judge-in", "g-log");
    JsonNode pre = list.get(1);
    assertThat(pre.at("/litellm_params/guardrail").asText()).isEqualTo("generic_guardrail_api");
    assertThat(pre.at("/guardrail_info/description").asText()).isEqualTo("the vendor's input check");
    assertThat(list.toString()).doesNotContain("guard-key-1").doesNotContain("127.0.0.1");
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  private static String metrics() {
    try {
      return RAW.send(HttpRequest.newBuilder(URI.create(gw.url("/metrics"))).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The guardrail runs recorded on the spend row whose metadata carries {@code marker}. */
  private static JsonNode runs(String marker) {
    JsonNode row = awaitRow(marker);
    return Json.tree(row.get("metadata").asText().getBytes(StandardCharsets.UTF_8)).get("guardrail_information");
  }

  /** The spend row whose metadata carries {@code marker}, once written (a row may wait for logging-only masks). */
  private static JsonNode awaitRow(String marker) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      gw.controlPlane().spend().flush();
      JsonNode row = row(marker);
      if (row != null || System.nanoTime() > deadline) {
        assertThat(row).as("a spend row for " + marker).isNotNull();
        return row;
      }
      sleep(20);
    }
  }

  private static JsonNode row(String marker) {
    return gw.controlPlane().database().inline(c -> {
      try (var s = c.prepareStatement(
          "SELECT status, metadata, messages, response FROM tg_spend_logs WHERE metadata LIKE ?")) {
        s.setString(1, "%\"test_marker\":\"" + marker + "\"%");
        try (var rs = s.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          var out = Json.object();
          out.put("status", rs.getString(1));
          out.put("metadata", rs.getString(2));
          out.put("messages", rs.getString(3));
          out.put("response", rs.getString(4));
          return out;
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s for a condition").isLessThan(deadline);
      sleep(10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
