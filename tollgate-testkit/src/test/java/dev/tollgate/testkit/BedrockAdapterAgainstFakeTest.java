package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Tool;
import dev.tollgate.providers.types.ToolCall;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Bedrock adapter (request, SigV4 signature, reply, event-stream decoding, errors) against the fake Bedrock
 * Runtime over HTTP: the fake recomputes every signature and validates every Converse body as Bedrock does.
 */
class BedrockAdapterAgainstFakeTest {
  private static final String CLAUDE = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  private static FakeUpstream fake;
  private static final Provider BEDROCK = ProviderRegistry.defaults().find("bedrock").orElseThrow();

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  private static CallTarget target(String model) {
    return BEDROCK.resolve(CallTarget.of("bedrock", model).withApiBase(fake.rootUrl()), Map.of(
        "AWS_REGION", FakeBedrock.REGION, "AWS_ACCESS_KEY_ID", FakeBedrock.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", FakeBedrock.SECRET_ACCESS_KEY, "AWS_SESSION_TOKEN", "session-token-1"));
  }

  private static HttpReply send(HttpCall call) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.url())).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(b::header);
    HttpResponse<byte[]> response = TestHttp.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new HttpReply(response.statusCode(), response.headers().map(), response.body());
  }

  private static ChatResponse chat(ChatRequest request, CallTarget target) {
    HttpReply reply = send(BEDROCK.chat().chatCall(request, target));
    if (!reply.isSuccess()) {
      throw BEDROCK.chat().error(reply, target);
    }
    return BEDROCK.chat().chatResponse(reply, target);
  }

  @Test
  void chatIsSignedAcceptedAndTranslatedBack() {
    fake.script(CLAUDE, Behavior.reply("Bonjour"));

    ChatResponse response = chat(ChatRequest.builder().addMessage(ChatMessage.system("Be brief."))
        .addMessage(ChatMessage.user("Say hello")).build(), target(CLAUDE));

    assertThat(response.text()).isEqualTo("Bonjour");
    assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(response.usage().promptTokens()).isPositive();
    assertThat(response.id()).startsWith("chatcmpl-fake-bedrock-");
    RecordedRequest sent = fake.lastRequest();
    assertThat(sent.path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse");
    assertThat(sent.header("x-amz-security-token")).isEqualTo("session-token-1");
  }

  @Test
  void aWrongSecretFailsTheFakesSignatureCheck() {
    CallTarget wrong = target(CLAUDE).withSettings(Map.of("aws_region_name", TextNode.valueOf(FakeBedrock.REGION),
        "aws_access_key_id", TextNode.valueOf(FakeBedrock.ACCESS_KEY_ID),
        "aws_secret_access_key", TextNode.valueOf("not-the-secret")));

    assertThatThrownBy(() -> chat(ChatRequest.builder().addMessage(ChatMessage.user("hi")).build(), wrong))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("InvalidSignatureException")
        .hasMessageContaining("signature we calculated does not match");
  }

  @Test
  void aBedrockApiKeyIsAccepted() {
    CallTarget bearer = BEDROCK.resolve(CallTarget.of("bedrock", CLAUDE).withApiBase(fake.rootUrl()),
        Map.of("AWS_BEARER_TOKEN_BEDROCK", FakeBedrock.API_KEY));
    CallTarget badKey = bearer.withApiKey("nope");

    assertThat(chat(ChatRequest.builder().addMessage(ChatMessage.user("ping")).build(), bearer).text())
        .isEqualTo("echo: ping");
    assertThatThrownBy(() -> chat(ChatRequest.builder().addMessage(ChatMessage.user("ping")).build(), badKey))
        .isInstanceOf(ProviderException.class).hasMessageContaining("UnrecognizedClientException");
  }

  @Test
  void toolRoundTripPassesBedrocksChecks() {
    Tool weather = Tool.function("get_weather", "Weather", Json.tree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}".getBytes()));
    fake.script(CLAUDE, Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));
    ChatRequest first = ChatRequest.builder().addMessage(ChatMessage.user("Weather in Paris?")).addTool(weather)
        .toolChoice(TextNode.valueOf("auto")).build();

    ChatResponse called = chat(first, target(CLAUDE));
    ToolCall call = called.choices().get(0).message().toolCalls().get(0);
    assertThat(called.choices().get(0).finishReason()).isEqualTo("tool_calls");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");

    fake.script(CLAUDE, Behavior.echo());
    ChatRequest second = first.toBuilder()
        .addMessage(ChatMessage.builder().role("assistant").toolCalls(List.of(call)).build())
        .addMessage(ChatMessage.tool(call.id(), "18C and cloudy"))
        .build();
    assertThat(chat(second, target(CLAUDE)).text()).isEqualTo("echo: 18C and cloudy");
  }

  @Test
  void malformedBodiesGetBedrocksValidationException() {
    Tool badName = Tool.function("get weather!", null, null);
    ChatRequest request = ChatRequest.builder().addMessage(ChatMessage.user("hi")).addTool(badName).build();

    assertThatThrownBy(() -> chat(request, target(CLAUDE)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("ValidationException")
        .hasMessageContaining("regular expression pattern");
  }

  @Test
  void streamsAreDecodedFromRealFrames() throws Exception {
    fake.script(CLAUDE, Behavior.reply("one two three").chunked(3));
    CallTarget target = target(CLAUDE);
    HttpCall call = BEDROCK.chat().chatCall(ChatRequest.builder().addMessage(ChatMessage.user("count"))
        .stream(true).build(), target);
    assertThat(call.url()).endsWith("/converse-stream");

    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.url())).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(b::header);
    HttpResponse<InputStream> response = TestHttp.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/vnd.amazon.eventstream");
    ChatStreamDecoder decoder = BEDROCK.chat().chatStream(target);
    List<ChatChunk> chunks = new ArrayList<>();
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[7];
      int n;
      while ((n = in.read(buffer)) > 0) {
        chunks.addAll(decoder.feed(java.util.Arrays.copyOf(buffer, n)));
      }
    }

    assertThat(decoder.isDone()).isTrue();
    assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
    assertThat(String.join("", chunks.stream().map(ChatChunk::deltaText).toList())).isEqualTo("one two three");
    assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(chunks.get(chunks.size() - 1).usage().completionTokens()).isPositive();
  }

  @Test
  void anExceptionFrameAfterSomeEventsIsRaisedAsItsTypedError() {
    fake.script(CLAUDE, BedrockError.midStream(Behavior.reply("one two three").chunked(3), 3,
        "throttlingException", "Too many tokens, please wait before trying again."));
    CallTarget target = target(CLAUDE);
    HttpCall call = BEDROCK.chat().chatCall(ChatRequest.builder().addMessage(ChatMessage.user("count"))
        .stream(true).build(), target);
    HttpReply reply = send(call);
    ChatStreamDecoder decoder = BEDROCK.chat().chatStream(target);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("x-tollgate-fake-bedrock-exception")).isNull();
    assertThatThrownBy(() -> decoder.feed(reply.body()))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("Too many tokens");
  }

  @Test
  void jsonModeIsAForcedToolTurnedBackIntoContent() {
    fake.script(CLAUDE, Behavior.reply("{\"city\":\"Lima\"}"));
    ChatRequest request = ChatRequest.builder().addMessage(ChatMessage.user("A city as JSON"))
        .responseFormat(Json.tree("{\"type\":\"json_object\"}".getBytes())).build();

    ChatResponse response = chat(request, target(CLAUDE));

    assertThat(Json.tree(response.text().getBytes())).isEqualTo(Json.tree("{\"city\":\"Lima\"}".getBytes()));
    assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(fake.lastRequest().json().at("/toolConfig/toolChoice/tool/name").asText()).isEqualTo("json_tool_call");
  }

  @Test
  void jsonModeOnAModelWithoutNamedToolChoiceForcesTheOnlyTool() {
    String mistral = "mistral.mistral-large-2407-v1:0";
    fake.script(mistral, Behavior.reply("{\"colour\":\"teal\"}"));
    ChatRequest request = ChatRequest.builder().addMessage(ChatMessage.user("A colour as JSON"))
        .responseFormat(Json.tree("{\"type\":\"json_object\"}".getBytes())).build();

    ChatResponse response = chat(request, target(mistral));

    assertThat(response.text()).isEqualTo("{\"colour\":\"teal\"}");
    assertThat(fake.lastRequest().json().at("/toolConfig/toolChoice").has("any")).isTrue();
  }

  @Test
  void throttlingMapsToRateLimit() {
    fake.script(CLAUDE, BedrockError.throttling().withHeader("retry-after", "2"));

    assertThatThrownBy(() -> chat(ChatRequest.builder().addMessage(ChatMessage.user("hi")).build(), target(CLAUDE)))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("Too many requests")
        .satisfies(e -> assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(2)));
  }

  @Test
  void embeddingsForTitanAndCohere() {
    CallTarget titan = target("amazon.titan-embed-text-v2:0");
    CallTarget cohere = target("cohere.embed-english-v3");

    HttpReply titanReply = send(BEDROCK.embeddings().orElseThrow().embeddingCall(
        new EmbeddingRequest("x", TextNode.valueOf("hello"), null, 4, null, null), titan));
    HttpReply cohereReply = send(BEDROCK.embeddings().orElseThrow().embeddingCall(
        EmbeddingRequest.of("x", List.of("a", "b", "c")), cohere));

    assertThat(titanReply.status()).isEqualTo(200);
    var titanOut = BEDROCK.embeddings().orElseThrow().embeddingResponse(titanReply, titan);
    assertThat(titanOut.data()).singleElement().satisfies(e -> assertThat(e.embedding()).hasSize(4));
    assertThat(titanOut.usage().promptTokens()).isPositive();
    assertThat(cohereReply.status()).isEqualTo(200);
    var cohereOut = BEDROCK.embeddings().orElseThrow().embeddingResponse(cohereReply, cohere);
    assertThat(cohereOut.data()).extracting(e -> e.index()).containsExactly(0, 1, 2);
    assertThat(cohereOut.usage().promptTokens()).isEqualTo(3);
    JsonNode sent = fake.lastRequest().json();
    assertThat(sent.get("input_type").asText()).isEqualTo("search_document");
  }

  @Test
  void theDeploymentErrorForIoCredentialFlowsNamesTheFix() {
    CallTarget role = BEDROCK.resolve(CallTarget.of("bedrock", CLAUDE).withApiBase(fake.rootUrl())
        .withSettings(Map.of("aws_region_name", TextNode.valueOf("us-east-1"),
            "aws_profile_name", TextNode.valueOf("dev"))), Map.of());

    assertThatThrownBy(() -> BEDROCK.chat().chatCall(ChatRequest.builder().addMessage(ChatMessage.user("x")).build(),
        role)).isInstanceOf(AuthenticationException.class).hasMessageContaining("aws_profile_name");
    assertThat(fake.requests()).isEmpty();
  }
}
