package dev.tollgate.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.GoogleError;
import dev.tollgate.testkit.RecordedRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI Java SDK against a running gateway whose deployments are {@code vertex_ai/...} with a service account:
 * the gateway gets an access token from the fake token endpoint (which verifies the JWT signature) and the fake Vertex
 * endpoints accept only that token.
 */
class VertexAiEndToEndTest {
  private static final String CLIENT_EMAIL = "tollgate-test@tollgate-test-project.iam.gserviceaccount.com";
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/vertex-config.yaml");
    client = OpenAIOkHttpClient.builder()
        .apiKey(RunningGateway.MASTER_KEY)
        .baseUrl(gw.baseUrl())
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gw.close();
  }

  @BeforeEach
  void reset() throws Exception {
    gw.fake().reset();
    gw.fake().acceptGoogleServiceAccount(CLIENT_EMAIL, publicKey());
  }

  private static ChatCompletionCreateParams.Builder chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello Vertex");
  }

  @Test
  void geminiOnVertexGetsATokenAndAnswers() {
    ChatCompletion first = client.chat().completions().create(chat("vertex-gemini").build());
    ChatCompletion second = client.chat().completions().create(chat("vertex-gemini").build());

    assertThat(first.choices().get(0).message().content()).contains("echo: Hello Vertex");
    assertThat(second.choices().get(0).message().content()).contains("echo: Hello Vertex");
    RecordedRequest sent = gw.fake().lastRequest();
    assertThat(sent.path()).isEqualTo("/v1/projects/tollgate-test-project/locations/us-east5/publishers/google"
        + "/models/gemini-2.5-flash:generateContent");
    assertThat(sent.header("authorization")).startsWith("Bearer ya29.fake-");
    assertThat(sent.bodyString()).doesNotContain("vertex_");
    long tokenRequests = gw.fake().requests().stream().filter(r -> r.path().equals("/token")).count();
    assertThat(tokenRequests).isLessThanOrEqualTo(1); // cached across calls (and across tests of this gateway)
  }

  @Test
  void aRevokedTokenIsReplacedAndTheCallStillSucceeds() {
    client.chat().completions().create(chat("vertex-gemini").build());
    long before = gw.fake().issuedGoogleTokens();
    gw.fake().revokeGoogleTokens();

    // the gateway's cached token is refused (401): it fetches a new one and sends the attempt again
    ChatCompletion again = client.chat().completions().create(chat("vertex-gemini").build());

    assertThat(again.choices().get(0).message().content()).contains("echo: Hello Vertex");
    assertThat(gw.fake().issuedGoogleTokens()).isEqualTo(before + 1);
  }

  @Test
  void streamingOnVertex() {
    gw.fake().script("gemini-2.5-flash", Behavior.reply("a b c").chunked(3));
    String text;
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("vertex-gemini").build())) {
      text = stream.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
          .collect(Collectors.joining());
    }
    assertThat(text).isEqualTo("a b c");
    assertThat(gw.fake().lastRequest().path()).endsWith(":streamGenerateContent");
  }

  @Test
  void claudeOnVertexThroughTheGateway() {
    gw.fake().script("claude-sonnet-4-5@20250929", Behavior.reply("Claude here"));

    ChatCompletion completion = client.chat().completions().create(chat("vertex-claude").maxCompletionTokens(64)
        .build());

    assertThat(completion.choices().get(0).message().content()).contains("Claude here");
    RecordedRequest sent = gw.fake().lastRequest();
    assertThat(sent.path()).endsWith("/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
    assertThat(sent.json().get("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
    assertThat(sent.json().has("model")).isFalse();
  }

  @Test
  void aStreamedClaudeAnswerCarriesUsageOnlyWhenAsked() {
    gw.fake().script("claude-sonnet-4-5@20250929", Behavior.reply("one two three").chunked(3));
    List<ChatCompletionChunk> plain;
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("vertex-claude").maxCompletionTokens(64).build())) {
      plain = stream.stream().toList();
    }
    List<ChatCompletionChunk> withUsage;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        chat("vertex-claude").maxCompletionTokens(64).streamOptions(
            com.openai.models.chat.completions.ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build())) {
      withUsage = stream.stream().toList();
    }
    assertThat(plain.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
        .collect(Collectors.joining())).isEqualTo("one two three");
    assertThat(plain.stream().filter(c -> c.usage().isPresent()).count()).isZero();
    assertThat(withUsage.stream().filter(c -> c.usage().isPresent()).count()).isEqualTo(1);
    assertThat(gw.fake().lastRequest().path()).endsWith(":streamRawPredict");
  }

  @Test
  void embeddingsOnVertexUsePredict() {
    CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("vertex-embed").inputOfArrayOfStrings(List.of("one", "two")).build());
    assertThat(response.data()).hasSize(2);
    assertThat(response.usage().promptTokens()).isEqualTo(2);
    assertThat(gw.fake().lastRequest().path()).endsWith("/models/text-embedding-005:predict");
  }

  @Test
  void quotaErrorsAreRateLimits() {
    gw.fake().script("gemini-errors", Behavior.error(429, GoogleError.json(429, "RESOURCE_EXHAUSTED",
        "Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model")));
    assertThatThrownBy(() -> client.chat().completions().create(chat("vertex-errors").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.getMessage()).contains("Quota exceeded"));
  }

  private static PublicKey publicKey() throws Exception {
    try (InputStream in = VertexAiEndToEndTest.class.getResourceAsStream(
        "/gateway/vertex-test-service-account.pub.pem")) {
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
  }
}
