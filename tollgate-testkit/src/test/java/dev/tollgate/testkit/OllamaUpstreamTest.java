package dev.tollgate.testkit;

import static dev.tollgate.testkit.TestHttp.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.ollama.OllamaProvider;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Ollama fake, driven by Tollgate's own Ollama adapter: the two must agree on the wire format. */
class OllamaUpstreamTest {
  private static final OllamaProvider OLLAMA = new OllamaProvider("ollama");
  private static FakeUpstream fake;
  private static CallTarget target;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
    target = OLLAMA.resolve(CallTarget.of("ollama", "llama3.2"), Map.of("OLLAMA_API_BASE", fake.rootUrl()));
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
  void echoesTheLastUserMessageAsOneJsonReply() {
    HttpCall call = OLLAMA.chat().chatCall(request("{\"model\":\"llama3.2\",\"temperature\":0.1,\"messages\":"
        + "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}]}"), target);

    HttpResponse<byte[]> reply = send(call);

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(Json.tree(reply.body()).get("done").asBoolean()).isTrue();
    ChatResponse response = OLLAMA.chat().chatResponse(HttpReply.of(200, reply.body()), target);
    assertThat(response.text()).isEqualTo("echo: hello");
    assertThat(response.usage().promptTokens()).isEqualTo(TokenEstimate.of("hello"));
    assertThat(fake.lastRequest().json().at("/options/temperature").asDouble()).isEqualTo(0.1);
  }

  @Test
  void streamsNdjsonByDefaultAndTheDecoderReadsIt() {
    fake.script("llama3.2", Behavior.reply("one two three").chunked(3));
    String raw = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";

    HttpResponse<String> direct = TestHttp.postString(fake.rootUrl() + "/api/chat", raw);
    assertThat(direct.headers().firstValue("content-type")).contains("application/x-ndjson");
    assertThat(direct.body().lines()).hasSize(4);

    HttpCall call = OLLAMA.chat().chatCall(request(raw.replace("{\"model\"", "{\"stream\":true,\"model\"")), target);
    ChatStreamDecoder decoder = OLLAMA.chat().chatStream(target);
    List<ChatChunk> chunks = decoder.feed(send(call).body());
    String text = chunks.stream().map(ChatChunk::deltaText).collect(Collectors.joining());
    assertThat(text).isEqualTo("one two three");
    assertThat(decoder.isDone()).isTrue();
    assertThat(chunks.get(chunks.size() - 1).usage().completionTokens()).isEqualTo(TokenEstimate.of("one two three"));
  }

  @Test
  void aToolCallComesWithObjectArgumentsAndGetsAnIdFromTheAdapter() {
    fake.script("llama3.2", Behavior.toolCall("get_weather", "{\"city\":\"Tokyo\"}"));
    HttpCall call = OLLAMA.chat().chatCall(request(
        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}"), target);

    HttpResponse<byte[]> reply = send(call);
    ChatResponse response = OLLAMA.chat().chatResponse(HttpReply.of(200, reply.body()), target);

    assertThat(Json.tree(reply.body()).at("/message/tool_calls/0/function/arguments/city").asText()).isEqualTo("Tokyo");
    var toolCall = response.choices().get(0).message().toolCalls().get(0);
    assertThat(toolCall.id()).startsWith("call_");
    assertThat(toolCall.function().arguments()).isEqualTo("{\"city\":\"Tokyo\"}");
    assertThat(response.choices().get(0).finishReason()).isEqualTo("tool_calls");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "chat-no-model.json, /api/chat, model is required",
      "chat-content-parts.json, /api/chat, cannot unmarshal array",
      "chat-top-level-temperature.json, /api/chat, temperature",
      "chat-data-url-image.json, /api/chat, base64",
      "chat-string-arguments.json, /api/chat, arguments",
      "embed-no-input.json, /api/embed, invalid input"})
  void malformedRequestsGetOllamas400(String fixture, String path, String says) {
    HttpResponse<String> reply = TestHttp.postString(fake.rootUrl() + path, fixture("ollama/" + fixture));

    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(reply).get("error").asText()).contains(says);
  }

  @Test
  void aMissingModelIsA404TheAdapterMapsToNotFound() {
    fake.script("llama9", Behavior.error(404, OllamaError.json("model \"llama9\" not found, try pulling it first")));
    CallTarget missing = OLLAMA.resolve(CallTarget.of("ollama", "llama9"), Map.of("OLLAMA_API_BASE", fake.rootUrl()));
    HttpCall call = OLLAMA.chat().chatCall(request(
        "{\"model\":\"llama9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), missing);

    HttpResponse<byte[]> reply = send(call);
    ProviderException error = OLLAMA.chat().error(HttpReply.of(reply.statusCode(), reply.body()), missing);

    assertThat(error).isInstanceOf(NotFoundException.class);
    assertThat(error.upstreamMessage()).contains("try pulling it first");
  }

  @Test
  void embedsEachInput() {
    var embeddings = OLLAMA.embeddings().orElseThrow();
    CallTarget embed = OLLAMA.resolve(CallTarget.of("ollama", "all-minilm"), Map.of("OLLAMA_API_BASE", fake.rootUrl()));

    HttpResponse<byte[]> reply = send(embeddings.embeddingCall(
        EmbeddingRequest.of("all-minilm", List.of("a", "b", "c")), embed));
    var response = embeddings.embeddingResponse(HttpReply.of(reply.statusCode(), reply.body()), embed);

    assertThat(response.data()).hasSize(3);
    assertThat(response.data().get(2).embedding()).hasSize(Behavior.DEFAULT_EMBEDDING_DIMS);
    assertThat(fake.lastRequest().path()).isEqualTo("/api/embed");
  }
}
