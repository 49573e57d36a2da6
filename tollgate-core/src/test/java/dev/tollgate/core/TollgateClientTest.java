package dev.tollgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.core.stream.ChunkStream;
import dev.tollgate.core.transport.JdkHttpTransport;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.FakeUpstream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK against a fake OpenAI-format upstream on loopback. */
class TollgateClientTest {
  private static FakeUpstream fake;
  private static TollgateClient client;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
    client = new TollgateClient(ProviderRegistry.defaults(), new JdkHttpTransport(), Map.of(
        "GROQ_API_KEY", "gsk-from-env",
        "GROQ_API_BASE", fake.baseUrl(),
        "OPENAI_API_KEY", "sk-openai-from-env",
        "OPENAI_BASE_URL", fake.baseUrl()));
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  private static ChatRequest ask(String model) {
    return ChatRequest.builder().model(model).addMessage(ChatMessage.user("hello there")).build();
  }

  @Test
  void completionUsesTheProviderFromTheModelStringAndItsEnvironment() {
    fake.script("llama-3.1-8b-instant", Behavior.reply("hi from groq"));

    ChatResponse response = client.completion(ask("groq/llama-3.1-8b-instant"));

    assertThat(response.text()).isEqualTo("hi from groq");
    assertThat(response.usage().totalTokens()).isPositive();
    assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer gsk-from-env");
    assertThat(fake.lastRequest().json().get("model").asText()).isEqualTo("llama-3.1-8b-instant");
  }

  @Test
  void perCallOptionsOverrideTheEnvironment() {
    CallOptions options = CallOptions.builder().apiKey("sk-per-call").apiBase(fake.baseUrl())
        .header("x-trace", "abc").build();

    client.completion(ask("openai/gpt-4o"), options);

    assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer sk-per-call");
    assertThat(fake.lastRequest().header("x-trace")).isEqualTo("abc");
  }

  @Test
  void unknownFieldsReachTheUpstreamAndControlFieldsDoNot() {
    ChatRequest request = ask("openai/gpt-4o").toBuilder()
        .extra("top_k", IntNode.valueOf(3))
        .extra("metadata", TextNode.valueOf("for tollgate only"))
        .build();

    client.completion(request);

    assertThat(fake.lastRequest().json().get("top_k").asInt()).isEqualTo(3);
    assertThat(fake.lastRequest().json().has("metadata")).isFalse();
  }

  @Test
  void streamYieldsChunksAsTheyArrive() {
    fake.script("gpt-4o", Behavior.reply("alpha beta gamma").chunked(3));

    try (ChunkStream stream = client.stream(ask("openai/gpt-4o"))) {
      String text = stream.stream().map(ChatChunk::deltaText).collect(Collectors.joining());
      assertThat(text).isEqualTo("alpha beta gamma");
    }
    assertThat(fake.lastRequest().json().get("stream").asBoolean()).isTrue();
  }

  @Test
  void closingAStreamEarlyCancelsTheHttpCall() throws Exception {
    fake.script("gpt-4o", Behavior.reply("a b c d e f g h i j k l m n o p").chunked(16)
        .streamGap(Duration.ofMillis(200)));
    int before = fake.cancelledStreams();

    try (ChunkStream stream = client.stream(ask("openai/gpt-4o"))) {
      assertThat(stream.hasNext()).isTrue();
      stream.next();
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fake.cancelledStreams() == before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(fake.cancelledStreams()).isGreaterThan(before);
  }

  @Test
  void brokenStreamRaisesAConnectionError() {
    fake.script("gpt-4o", Behavior.reply("one two three four").chunked(4).streamGap(Duration.ofMillis(50))
        .breakAfter(2));

    assertThatThrownBy(() -> {
      try (ChunkStream stream = client.stream(ask("openai/gpt-4o"))) {
        stream.forEachRemaining(c -> { });
      }
    }).isInstanceOf(APIConnectionException.class);
  }

  @Test
  void asyncCompletion() throws Exception {
    fake.script("gpt-4o", Behavior.reply("async works"));

    ChatResponse response = client.completionAsync(ask("openai/gpt-4o"), CallOptions.DEFAULTS)
        .get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(response.text()).isEqualTo("async works");
  }

  @Test
  void embeddings() {
    EmbeddingResponse response = client.embedding(EmbeddingRequest.of("openai/text-embedding-3-small",
        List.of("one", "two")));

    assertThat(response.data()).hasSize(2);
    assertThat(fake.lastRequest().path()).endsWith("/embeddings");
  }

  @Test
  void errorsAreTyped() {
    fake.script("limited", Behavior.error(429, "{\"error\":{\"message\":\"slow down\"}}")
        .withHeader("retry-after", "7"));
    fake.script("long", Behavior.error(400,
        "{\"error\":{\"message\":\"maximum context length exceeded\",\"code\":\"context_length_exceeded\"}}"));

    assertThatThrownBy(() -> client.completion(ask("openai/limited")))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
          assertThat(e.provider()).isEqualTo("openai");
          assertThat(e.model()).isEqualTo("limited");
          assertThat(e.upstreamMessage()).isEqualTo("slow down");
        });
    assertThatThrownBy(() -> client.completion(ask("openai/long")))
        .isInstanceOf(ContextWindowExceededException.class);
    assertThatThrownBy(() -> client.completionAsync(ask("openai/limited"), CallOptions.DEFAULTS).join())
        .hasCauseInstanceOf(RateLimitException.class);
  }

  @Test
  void missingKeyIsAnAuthenticationErrorBeforeAnyCall() {
    TollgateClient noEnv = new TollgateClient(ProviderRegistry.defaults(), new JdkHttpTransport(), Map.of());

    assertThatThrownBy(() -> noEnv.completion(ask("groq/llama")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("GROQ_API_KEY");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void timeoutIsTyped() {
    fake.script("slow", Behavior.reply("late").delayed(Duration.ofSeconds(3)));

    assertThatThrownBy(() -> client.completion(ask("openai/slow"),
        CallOptions.builder().timeout(Duration.ofMillis(300)).build()))
        .isInstanceOf(TimeoutException.class);
  }

  @Test
  void unreachableUpstreamIsAConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertThatThrownBy(() -> client.completion(ask("openai/gpt-4o"),
        CallOptions.builder().apiBase("http://127.0.0.1:" + closedPort + "/v1").build()))
        .isInstanceOf(APIConnectionException.class);
  }

  @Test
  void mockResponseAndMockModelsNeedNoProvider() {
    ChatRequest mocked = ask("openai/gpt-4o").toBuilder().extra("mock_response", TextNode.valueOf("canned")).build();
    assertThat(client.completion(mocked).text()).isEqualTo("canned");
    assertThat(client.completion(ask("mock/anything")).text()).contains("hello there");
    try (ChunkStream stream = client.stream(ask("mock/anything"))) {
      assertThat(stream.stream().map(ChatChunk::deltaText).collect(Collectors.joining())).contains("hello there");
    }
    ChatRequest failing = ask("openai/gpt-4o").toBuilder()
        .extra("mock_response", TextNode.valueOf("litellm.RateLimitError")).build();
    assertThatThrownBy(() -> client.completion(failing)).isInstanceOf(RateLimitException.class);
    assertThat(fake.requests()).isEmpty();
  }
}
