package dev.tollgate.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.Behavior;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Virtual keys as real clients use them: the OpenAI SDK, the other key headers, many requests at once. */
class VirtualKeyClientsTest {
  private static RunningGateway gw;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/fake-upstream-config.yaml");
    http = new Http(gw);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static String newKey(String body) {
    Http.Reply r = http.post("/key/generate", RunningGateway.MASTER_KEY, body);
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("key").asText();
  }

  private static OpenAIClient sdk(String key) {
    return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gw.baseUrl()).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  @Test
  void allowedRoutesLimitWhatAKeyMayCall() {
    gw.fake().script("gpt-fake-upstream", Behavior.reply("ok"));
    String chat = "{\"model\": \"gpt-fake\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
    String llmOnly = newKey("{\"allowed_routes\": [\"llm_api_routes\"]}");
    assertThat(http.post("/v1/chat/completions", llmOnly, chat).status()).isEqualTo(200);
    assertThat(http.get("/v1/models", llmOnly).status()).isEqualTo(200);
    Http.Reply refused = http.get("/key/info", llmOnly);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error().get("message").asText()).contains("Only allowed to call routes: ['llm_api_routes']")
        .contains("Tried to call route: /key/info");

    String chatOnly = newKey("{\"allowed_routes\": [\"/v1/chat/completions\"]}");
    assertThat(http.post("/v1/chat/completions", chatOnly, chat).status()).isEqualTo(200);
    assertThat(http.get("/v1/models", chatOnly).status()).isEqualTo(403);

    Http.Reply typo = http.post("/key/generate", RunningGateway.MASTER_KEY, "{\"allowed_routes\": [\"llm_routes\"]}");
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.error().get("param").asText()).isEqualTo("allowed_routes");
  }

  @Test
  void openAiSdkWorksWithAVirtualKeyAndSeesItsErrorsAsTypedExceptions() {
    gw.fake().script("gpt-fake-upstream", Behavior.reply("Hello from upstream"));
    String key = newKey("{\"models\": [\"gpt-fake\", \"embed-fake\"], \"max_budget\": 2}");
    OpenAIClient client = sdk(key);
    try {
      var reply = client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-fake")
          .addUserMessage("hi").build());
      assertThat(reply.choices().get(0).message().content()).contains("Hello from upstream");
      assertThat(client.embeddings().create(EmbeddingCreateParams.builder().model("embed-fake").input("x").build())
          .data()).isNotEmpty();
      assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model("mock-embedding")
          .input("x").build())).isInstanceOf(UnauthorizedException.class);

      http.post("/key/update", RunningGateway.MASTER_KEY, "{\"key\": \"" + key + "\", \"spend\": 2}");
      assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
          .model("gpt-fake").addUserMessage("hi").build()))
          .isInstanceOf(BadRequestException.class).hasMessageContaining("Budget has been exceeded");

      http.post("/key/block", RunningGateway.MASTER_KEY, "{\"key\": \"" + key + "\"}");
      assertThatThrownBy(() -> client.models().list()).isInstanceOf(UnauthorizedException.class);
    } finally {
      client.close();
    }
  }

  @Test
  void virtualKeysAreReadFromEveryKeyHeader() throws Exception {
    String key = newKey("{}");
    HttpClient client = HttpClient.newHttpClient();
    for (String header : new String[] {"x-litellm-api-key", "api-key", "x-api-key"}) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/v1/models"))).header(header, key).GET().build();
      assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).as(header).isEqualTo(200);
    }
  }

  @Test
  void concurrentFirstRequestsShareOneDatabaseLookup() {
    String key = newKey("{}");
    String body = "{\"model\": \"mock\", \"messages\": [{\"role\": \"user\", \"content\": \"" + "x".repeat(20_000)
        + "\"}]}";
    long before = gw.controlPlane().keys().lookups();
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> http.post("/v1/chat/completions", key, body).status()));
    }
    assertThat(calls.stream().map(CompletableFuture::join).toList()).containsOnly(200);
    assertThat(gw.controlPlane().keys().lookups() - before).isBetween(1L, 2L);
  }

  @Test
  void aRefusedKeyWithABigBodyStillGetsItsAnswerAndTheConnectionStaysUsable() {
    String big = "{\"model\": \"mock\", \"messages\": [{\"role\": \"user\", \"content\": \"" + "y".repeat(200_000)
        + "\"}]}";
    for (int i = 0; i < 3; i++) {
      Http.Reply r = http.post("/v1/chat/completions", "sk-unknown-key-" + i + "-abcdefgh", big);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.error().get("type").asText()).isEqualTo("token_not_found_in_db");
    }
    assertThat(http.post("/v1/chat/completions", newKey("{}"), big).status()).isEqualTo(200);
  }
}
