package dev.tollgate.testkit;

import static dev.tollgate.testkit.TestHttp.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.cohere.CohereProvider;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Cohere fake, driven by Tollgate's own Cohere adapter: the two must agree on the wire format. */
class CohereUpstreamTest {
  private static final CohereProvider COHERE = new CohereProvider();
  private static FakeUpstream fake;
  private static CallTarget target;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
    target = COHERE.resolve(CallTarget.of("cohere", "command-r"),
        Map.of("COHERE_API_KEY", "co-key", "COHERE_API_BASE", fake.rootUrl()));
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void clean() {
    fake.reset();
  }

  private static HttpResponse<byte[]> send(HttpCall call) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.url())).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(b::header);
    return TestHttp.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static ObjectNode request(String json) {
    return (ObjectNode) Json.tree(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void echoesTheLastUserTextInCoheresShape() {
    HttpCall call = COHERE.chat().chatCall(request(
        "{\"model\":\"command-r\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello there\"}]}]}"), target);

    HttpResponse<byte[]> reply = send(call);

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(Json.tree(reply.body()).at("/message/content/0/type").asText()).isEqualTo("text");
    ChatResponse response = COHERE.chat().chatResponse(HttpReply.of(200, reply.body()), target);
    assertThat(response.text()).isEqualTo("echo: hello there");
    assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(response.usage().promptTokens()).isEqualTo(TokenEstimate.of("be brief") + TokenEstimate.of("hello there"));
    assertThat(fake.lastRequest().path()).isEqualTo("/v2/chat");
  }

  @Test
  void streamsAToolCallAsCohereEventsWithEventLines() {
    fake.script("command-r", Behavior.toolCall("get_weather", "{\"location\":\"Madrid\"}").chunked(3));
    HttpCall call = COHERE.chat().chatCall(request(
        "{\"model\":\"command-r\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}"),
        target);

    HttpResponse<byte[]> reply = send(call);
    String body = new String(reply.body(), StandardCharsets.UTF_8);
    ChatStreamDecoder decoder = COHERE.chat().chatStream(target);
    List<ChatChunk> chunks = new ArrayList<>(decoder.feed(reply.body()));

    assertThat(reply.headers().firstValue("content-type")).contains("text/event-stream");
    assertThat(body).startsWith("event: message-start\ndata: ").contains("event: tool-call-delta\n")
        .doesNotContain("[DONE]");
    StringBuilder args = new StringBuilder();
    chunks.stream().flatMap(c -> c.choices().stream())
        .filter(c -> c.delta() != null && c.delta().toolCalls() != null)
        .flatMap(c -> c.delta().toolCalls().stream())
        .forEach(t -> args.append(t.function().arguments()));
    assertThat(args.toString()).isEqualTo("{\"location\":\"Madrid\"}");
    assertThat(chunks).anySatisfy(c -> assertThat(c.choices()).anySatisfy(
        choice -> assertThat(choice.finishReason()).isEqualTo("tool_calls")));
    assertThat(chunks.get(chunks.size() - 1).usage()).isNotNull();
    assertThat(decoder.isDone()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "chat-missing-messages.json, /v2/chat, messages must contain at least one message",
      "chat-openai-top-p.json, /v2/chat, top_p",
      "chat-tool-without-id.json, /v2/chat, tool_call_id",
      "chat-named-tool-choice.json, /v2/chat, tool_choice",
      "embed-without-input-type.json, /v2/embed, input_type"})
  void malformedRequestsGetCoheres400(String fixture, String path, String says) {
    HttpResponse<String> reply = TestHttp.postString(fake.rootUrl() + path, fixture("cohere/" + fixture),
        "authorization", "Bearer co-key");

    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(reply).get("message").asText()).contains(says);
  }

  @Test
  void aRequestWithoutKeyIsUnauthorized() {
    HttpResponse<String> reply = TestHttp.postString(fake.rootUrl() + "/v2/chat",
        "{\"model\":\"command-r\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(reply.statusCode()).isEqualTo(401);
    assertThat(TestHttp.json(reply).has("message")).isTrue();
  }

  @Test
  void aScriptedErrorMapsToTheTypedError() {
    fake.script("command-r", Behavior.error(429, CohereError.json("trial key limit reached"))
        .withHeader("retry-after", "2"));
    HttpCall call = COHERE.chat().chatCall(request(
        "{\"model\":\"command-r\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), target);

    HttpResponse<byte[]> reply = send(call);
    ProviderException error = COHERE.chat().error(
        new HttpReply(reply.statusCode(), reply.headers().map(), reply.body()), target);

    assertThat(error).isInstanceOf(RateLimitException.class);
    assertThat(error.upstreamMessage()).isEqualTo("trial key limit reached");
    assertThat(((RateLimitException) error).retryAfter()).contains(Duration.ofSeconds(2));
  }

  @Test
  void embedsTextsWithTheRequestedDimensions() {
    var embeddings = COHERE.embeddings().orElseThrow();
    CallTarget embedTarget = COHERE.resolve(CallTarget.of("cohere", "embed-v4.0"),
        Map.of("CO_API_KEY", "co-key", "COHERE_API_BASE", fake.rootUrl()));
    EmbeddingRequest request = new EmbeddingRequest("embed-v4.0",
        Json.tree("[\"a\",\"bb\"]".getBytes(StandardCharsets.UTF_8)), "base64", 4, null, null);

    HttpResponse<byte[]> reply = send(embeddings.embeddingCall(request, embedTarget));
    EmbeddingResponse response = embeddings.embeddingResponse(HttpReply.of(reply.statusCode(), reply.body()),
        embedTarget);

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(response.data()).hasSize(2);
    assertThat(java.util.Base64.getDecoder().decode(response.data().get(1).embedding().asText())).hasSize(16);
    assertThat(fake.lastRequest().json().get("output_dimension").asInt()).isEqualTo(4);
  }

  @Test
  void aStreamCanBeBrokenMidway() {
    fake.script("command-r", Behavior.reply("one two three four").breakAfter(2));
    HttpCall call = COHERE.chat().chatCall(request(
        "{\"model\":\"command-r\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), target);

    try {
      send(call);
    } catch (RuntimeException expected) {
      // the connection is cut: the client may see an exception or a truncated body
    }

    assertThat(TestHttp.eventually(Duration.ofSeconds(2), () -> fake.brokenStreams() == 1)).isTrue();
  }
}
