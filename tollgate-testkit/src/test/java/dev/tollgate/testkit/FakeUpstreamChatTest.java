package dev.tollgate.testkit;

import static dev.tollgate.testkit.TestHttp.fixture;
import static dev.tollgate.testkit.TestHttp.fixtureJson;
import static dev.tollgate.testkit.TestHttp.json;
import static dev.tollgate.testkit.TestHttp.postString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamChatTest {
  private static FakeUpstream fake;
  private static String chatUrl;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
    chatUrl = fake.baseUrl() + "/chat/completions";
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void clean() {
    fake.reset();
  }

  @Test
  void baseUrlIsLoopbackV1() {
    assertThat(fake.port()).isPositive();
    assertThat(fake.baseUrl()).isEqualTo("http://127.0.0.1:" + fake.port() + "/v1");
  }

  @Test
  void replyIsAFullChatCompletion() throws Exception {
    fake.script("gpt-4o-mini", Behavior.reply("Hello"));

    HttpResponse<String> response = postString(chatUrl, fixture("chat-request.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = json(response);
    assertThat(body.path("id").asText()).startsWith("chatcmpl-");
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("created").isIntegralNumber()).isTrue();
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("system_fingerprint").asText()).isNotEmpty();
    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("index").asInt()).isZero();
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asText()).isEqualTo("Hello");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = body.path("usage");
    assertThat(usage.path("prompt_tokens").asInt()).isPositive();
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(TokenEstimate.of("Hello"));
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());

    ChatResponse typed = Json.read(response.body().getBytes(StandardCharsets.UTF_8), ChatResponse.class);
    assertThat(typed.text()).isEqualTo("Hello");
  }

  @Test
  void unscriptedModelsEchoTheLastUserMessage() {
    HttpResponse<String> response = postString(chatUrl, fixture("chat-request.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("echo: What is up?");
  }

  @Test
  void toolCallHasNullContentAndOneCall() {
    fake.script("tooler", Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));

    JsonNode body = json(postString(chatUrl, fixture("tool-request.json")));

    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode message = choice.path("message");
    assertThat(message.has("content")).isTrue();
    assertThat(message.get("content").isNull()).isTrue();
    assertThat(message.path("tool_calls")).hasSize(1);
    JsonNode call = message.path("tool_calls").get(0);
    assertThat(call.path("id").asText()).startsWith("call_");
    assertThat(call.path("type").asText()).isEqualTo("function");
    assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
    assertThat(call.at("/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
  }

  @Test
  void errorSendsStatusBodyAndHeaders() {
    String errorBody = fixture("rate-limit-error.json");
    fake.script("gpt-4o-mini", Behavior.error(429, errorBody).withHeader("retry-after", "7"));

    HttpResponse<String> response = postString(chatUrl, fixture("chat-request.json"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.body()).isEqualTo(errorBody);
    assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
  }

  @Test
  void delayIsHonoured() {
    fake.script("gpt-4o-mini", Behavior.reply("late").delayed(Duration.ofMillis(250)));

    long start = System.nanoTime();
    HttpResponse<String> response = postString(chatUrl, fixture("chat-request.json"));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(250);
  }

  @Test
  void delayDoesNotBlockOtherRequests() throws Exception {
    fake.script("slow", Behavior.reply("slow").delayed(Duration.ofMillis(400)));
    ObjectNode slow = fixtureJson("chat-request.json").put("model", "slow");
    var pending = TestHttp.CLIENT.sendAsync(TestHttp.post(chatUrl, slow.toString()).build(),
        HttpResponse.BodyHandlers.ofString());

    long start = System.nanoTime();
    HttpResponse<String> fast = postString(chatUrl, fixture("chat-request.json"));
    long fastMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(fast.statusCode()).isEqualTo(200);
    assertThat(fastMs).isLessThan(400);
    assertThat(json(pending.get()).at("/choices/0/message/content").asText()).isEqualTo("slow");
  }

  @Test
  void headerScriptBeatsModelScript() {
    fake.script("gpt-4o-mini", Behavior.reply("by model"));
    fake.scriptHeader("X-Fake-Scenario", "boom", Behavior.error(503, "{\"error\":{\"message\":\"overloaded\"}}"));

    HttpResponse<String> plain = postString(chatUrl, fixture("chat-request.json"));
    HttpResponse<String> other = postString(chatUrl, fixture("chat-request.json"), "x-fake-scenario", "calm");
    HttpResponse<String> boom = postString(chatUrl, fixture("chat-request.json"), "x-fake-scenario", "boom");

    assertThat(json(plain).at("/choices/0/message/content").asText()).isEqualTo("by model");
    assertThat(json(other).at("/choices/0/message/content").asText()).isEqualTo("by model");
    assertThat(boom.statusCode()).isEqualTo(503);
    assertThat(boom.body()).isEqualTo("{\"error\":{\"message\":\"overloaded\"}}");
  }

  @Test
  void requestsAreRecordedIntact() {
    String body = fixture("chat-request.json");
    postString(chatUrl + "?trace=1", body, "Authorization", "Bearer sk-test", "X-Custom", "v1");

    assertThat(fake.requests()).hasSize(1);
    RecordedRequest recorded = fake.lastRequest();
    assertThat(recorded.method()).isEqualTo("POST");
    assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
    assertThat(recorded.query()).isEqualTo("trace=1");
    assertThat(recorded.header("authorization")).isEqualTo("Bearer sk-test");
    assertThat(recorded.header("AUTHORIZATION")).isEqualTo("Bearer sk-test");
    assertThat(recorded.headers().get("x-custom")).containsExactly("v1");
    assertThat(recorded.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertThat(recorded.json().at("/x_unknown_field/nested/2").asInt()).isEqualTo(3);
    assertThat(recorded.json().at("/metadata/trace").asText()).isEqualTo("abc");

    fake.clearRequests();
    assertThat(fake.requests()).isEmpty();
    assertThatThrownBy(fake::lastRequest).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void requestsAreKeptInArrivalOrder() {
    for (String model : new String[] {"a", "b", "c"}) {
      postString(chatUrl, fixtureJson("chat-request.json").put("model", model).toString());
    }
    assertThat(fake.requests()).extracting(r -> r.json().path("model").asText()).containsExactly("a", "b", "c");
  }

  @Test
  void azureDeploymentPathUsesDeploymentAsModel() {
    fake.script("my-deploy", Behavior.reply("from azure"));
    String url = "http://127.0.0.1:" + fake.port()
        + "/openai/deployments/my-deploy/chat/completions?api-version=2024-10-21";

    HttpResponse<String> response = postString(url, fixture("azure-request.json"), "api-key", "k");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("from azure");
    assertThat(body.path("model").asText()).isEqualTo("my-deploy");
    assertThat(fake.lastRequest().path()).isEqualTo("/openai/deployments/my-deploy/chat/completions");
    assertThat(fake.lastRequest().query()).isEqualTo("api-version=2024-10-21");
    assertThat(fake.lastRequest().header("api-key")).isEqualTo("k");
  }

  @Test
  void pathWithoutV1Works() {
    HttpResponse<String> response =
        postString("http://127.0.0.1:" + fake.port() + "/chat/completions", fixture("chat-request.json"));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void nonJsonBodyIsAnOpenAi400() {
    HttpResponse<String> response = postString(chatUrl, "this is not json");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).isNotEmpty();
    assertThat(error.has("param")).isTrue();
    assertThat(error.get("param").isNull()).isTrue();
    assertThat(error.has("code")).isTrue();
    assertThat(error.get("code").isNull()).isTrue();
    assertThat(fake.lastRequest().bodyString()).isEqualTo("this is not json");
  }

  @Test
  void unknownPathIs404() {
    HttpResponse<String> response = postString(fake.baseUrl() + "/nope", "{}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).at("/error/type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void embeddingsAreDeterministic() {
    String request = "{\"model\":\"text-embedding-3-small\",\"input\":[\"alpha\",\"beta\"]}";
    JsonNode first = json(postString(fake.baseUrl() + "/embeddings", request));
    JsonNode second = json(postString(fake.baseUrl() + "/embeddings", request));

    assertThat(first.path("object").asText()).isEqualTo("list");
    assertThat(first.path("data")).hasSize(2);
    assertThat(first.at("/data/1/index").asInt()).isEqualTo(1);
    assertThat(first.at("/data/0/embedding")).hasSize(Behavior.DEFAULT_EMBEDDING_DIMS);
    assertThat(first.at("/data/0/embedding")).isNotEqualTo(first.at("/data/1/embedding"));
    assertThat(first.path("data")).isEqualTo(second.path("data"));
    assertThat(first.path("model").asText()).isEqualTo("text-embedding-3-small");
    assertThat(first.at("/usage/prompt_tokens").asInt()).isPositive();
  }

  @Test
  void embeddingBehaviourSetsDimensions() {
    fake.script("emb", Behavior.embedding(3));
    JsonNode body = json(postString(fake.baseUrl() + "/embeddings", "{\"model\":\"emb\",\"input\":\"x\"}"));
    assertThat(body.at("/data/0/embedding")).hasSize(3);
  }

  @Test
  void modelsListsScriptedModels() {
    fake.script("scripted-one", Behavior.reply("x"));
    HttpResponse<String> response = TestHttp.get(fake.baseUrl() + "/models");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("data")).extracting(m -> m.path("id").asText()).contains("scripted-one");
  }

  @Test
  void resetClearsScripts() {
    fake.script("gpt-4o-mini", Behavior.reply("scripted"));
    fake.reset();
    JsonNode body = json(postString(chatUrl, fixture("chat-request.json")));
    assertThat(body.at("/choices/0/message/content").asText()).startsWith("echo: ");
    assertThat(fake.requests()).hasSize(1);
  }
}
