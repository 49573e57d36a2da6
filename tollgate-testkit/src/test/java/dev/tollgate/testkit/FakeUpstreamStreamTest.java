package dev.tollgate.testkit;

import static dev.tollgate.testkit.TestHttp.fixture;
import static dev.tollgate.testkit.TestHttp.fixtureJson;
import static dev.tollgate.testkit.TestHttp.post;
import static dev.tollgate.testkit.TestHttp.postString;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamStreamTest {
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

  /** Splits an SSE body into its events, checking each is exactly one {@code data: } line. */
  private static List<String> events(String body) {
    assertThat(body).endsWith("\n\n");
    List<String> payloads = new ArrayList<>();
    for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
      assertThat(event).startsWith("data: ").doesNotContain("\n");
      payloads.add(event.substring("data: ".length()));
    }
    return payloads;
  }

  private static List<JsonNode> chunks(List<String> payloads) {
    assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> out = new ArrayList<>();
    for (String p : payloads.subList(0, payloads.size() - 1)) {
      out.add(Json.tree(p.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Test
  void streamFormatWithoutUsage() {
    fake.script("streamer", Behavior.reply("Hello brave new world").chunked(3));

    HttpResponse<String> response = postString(chatUrl, fixture("stream-request.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
    List<JsonNode> chunks = chunks(events(response.body()));
    // role chunk, 3 content chunks, finish chunk
    assertThat(chunks).hasSize(5);
    String id = chunks.get(0).path("id").asText();
    assertThat(id).startsWith("chatcmpl-");
    for (JsonNode chunk : chunks) {
      assertThat(chunk.path("id").asText()).isEqualTo(id);
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.path("created").asLong()).isEqualTo(chunks.get(0).path("created").asLong());
      assertThat(chunk.path("model").asText()).isEqualTo("streamer");
      assertThat(chunk.has("usage")).isFalse();
    }
    assertThat(chunks.get(0).at("/choices/0/delta").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : chunks.subList(1, 4)) {
      assertThat(chunk.at("/choices/0/delta").has("role")).isFalse();
      assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
      text.append(chunk.at("/choices/0/delta/content").asText());
    }
    assertThat(text).hasToString("Hello brave new world");
    JsonNode last = chunks.get(4);
    assertThat(last.at("/choices/0/delta").toString()).isEqualTo("{}");
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(fake.completedStreams()).isEqualTo(1);
    assertThat(fake.activeStreams()).isZero();
  }

  @Test
  void streamWithIncludeUsageEndsWithUsageChunk() throws Exception {
    fake.script("streamer", Behavior.reply("one two"));

    HttpResponse<String> response = postString(chatUrl, fixture("stream-usage-request.json"));

    List<JsonNode> chunks = chunks(events(response.body()));
    // role, "one", " two", finish, usage
    assertThat(chunks).hasSize(5);
    for (JsonNode chunk : chunks.subList(0, 4)) {
      assertThat(chunk.has("usage")).isTrue();
      assertThat(chunk.get("usage").isNull()).isTrue();
    }
    JsonNode usageChunk = chunks.get(4);
    assertThat(usageChunk.path("choices").isArray()).isTrue();
    assertThat(usageChunk.path("choices")).isEmpty();
    assertThat(usageChunk.at("/usage/prompt_tokens").asInt()).isEqualTo(TokenEstimate.of("Tell me a story"));
    assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(TokenEstimate.of("one two"));
    assertThat(usageChunk.at("/usage/total_tokens").asInt())
        .isEqualTo(TokenEstimate.of("Tell me a story") + TokenEstimate.of("one two"));
    assertThat(usageChunk.path("id").asText()).isEqualTo(chunks.get(0).path("id").asText());

    // the typed wire model reads every chunk
    for (JsonNode chunk : chunks) {
      Json.convert(chunk, ChatChunk.class);
    }
  }

  @Test
  void streamedEchoReassembles() {
    ObjectNode request = fixtureJson("stream-request.json").put("model", "unscripted");
    List<JsonNode> chunks = chunks(events(postString(chatUrl, request.toString()).body()));

    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(Json.convert(c, ChatChunk.class).deltaText()));
    assertThat(text).hasToString("echo: Tell me a story");
  }

  @Test
  void streamedToolCallFragmentsReassemble() {
    String arguments = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
    fake.script("tooler", Behavior.toolCall("get_weather", arguments).chunked(4));
    ObjectNode request = fixtureJson("tool-request.json").put("stream", true);

    List<JsonNode> chunks = chunks(events(postString(chatUrl, request.toString()).body()));

    // role, opening call, 4 argument fragments, finish
    assertThat(chunks).hasSize(7);
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    JsonNode opening = chunks.get(1).at("/choices/0/delta/tool_calls/0");
    assertThat(opening.path("index").asInt()).isZero();
    assertThat(opening.path("id").asText()).startsWith("call_");
    assertThat(opening.path("type").asText()).isEqualTo("function");
    assertThat(opening.at("/function/name").asText()).isEqualTo("get_weather");
    assertThat(opening.at("/function/arguments").asText()).isEmpty();
    StringBuilder args = new StringBuilder();
    for (JsonNode chunk : chunks.subList(2, 6)) {
      JsonNode fragment = chunk.at("/choices/0/delta/tool_calls/0");
      assertThat(fragment.path("index").asInt()).isZero();
      assertThat(fragment.has("id")).isFalse();
      assertThat(fragment.has("type")).isFalse();
      assertThat(fragment.path("function").has("name")).isFalse();
      args.append(fragment.at("/function/arguments").asText());
    }
    assertThat(args).hasToString(arguments);
    assertThat(chunks.get(6).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void aRecordedStreamIsSentAsWrittenAndOnlyToStreamRequests() {
    String recorded = fixture("recorded-stream.sse");
    fake.script("streamer", Behavior.recordedStream(recorded));
    HttpResponse<String> response = postString(chatUrl, fixture("stream-request.json"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(response.body()).isEqualTo(recorded.strip() + "\n\n");
    assertThat(Behavior.recordedStream(recorded).recordedEvents()).hasSize(3);

    HttpResponse<String> whole = postString(chatUrl, fixture("chat-request.json").replace("\"gpt-4o-mini\"",
        "\"streamer\""));
    assertThat(whole.statusCode()).isEqualTo(400);
    assertThat(whole.body()).contains("recorded stream");
  }

  @Test
  void errorBehaviourAnswersStreamsWithTheError() {
    fake.script("streamer", Behavior.error(500, "{\"error\":{\"message\":\"x\"}}"));
    HttpResponse<String> response = postString(chatUrl, fixture("stream-request.json"));
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo("{\"error\":{\"message\":\"x\"}}");
  }

  @Test
  void failStreamAfterEndsWithTheErrorEventAndNoDone() {
    String error = OpenAiError.json("The server had an error", "server_error", null, null);
    fake.script("streamer", Behavior.reply("a b c").failStreamAfter(2, error));

    List<String> events = events(postString(chatUrl, fixture("stream-request.json")).body());

    assertThat(events).hasSize(3);
    assertThat(events.get(2)).isEqualTo(error);
    assertThat(events).doesNotContain("[DONE]");
  }

  @Test
  void streamGapSpacesTheEvents() {
    fake.script("streamer", Behavior.reply("a b c").streamGap(Duration.ofMillis(40)));
    long start = System.nanoTime();
    List<String> events = events(postString(chatUrl, fixture("stream-request.json")).body());
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    // role, a, b, c, finish, [DONE]: five gaps
    assertThat(events).hasSize(6);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(5 * 40);
  }

  @Test
  void brokenStreamEndsWithoutDone() throws Exception {
    // The JDK client drops body bytes it has queued but not handed out once it sees the connection die, so give
    // the reader time to take each event before the cut (the raw-socket test below covers an immediate cut).
    fake.script("streamer", Behavior.reply("one two three four five").breakAfter(3).streamGap(Duration.ofMillis(100)));

    HttpResponse<InputStream> response =
        TestHttp.send(post(chatUrl, fixture("stream-request.json")).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);

    List<String> lines = new ArrayList<>();
    boolean failed = false;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
    } catch (IOException expected) {
      failed = true; // chunked body cut short: the client sees the connection die
    }

    assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("data: {"));
    assertThat(lines).noneMatch(l -> l.contains("[DONE]"));
    assertThat(failed).as("client saw the connection end abruptly").isTrue();
    assertThat(fake.brokenStreams()).isEqualTo(1);
    assertThat(fake.cancelledStreams()).isZero();
    assertThat(fake.activeStreams()).isZero();
  }

  @Test
  void brokenStreamWithoutGapCutsRightAfterTheChunks() throws Exception {
    fake.script("streamer", Behavior.reply("one two three four five").breakAfter(2));
    String body = fixture("stream-request.json");

    String raw;
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // EOF: server closed
    }

    assertThat(raw).startsWith("HTTP/1.1 200");
    assertThat(raw.split("data: ", -1)).hasSize(3);
    assertThat(raw).doesNotContain("[DONE]").doesNotContain("\r\n0\r\n\r\n");
  }

  @Test
  void clientDisconnectCancelsTheStream() throws Exception {
    fake.script("streamer", Behavior.reply("x".repeat(50)).chunked(50).streamGap(Duration.ofMillis(20)));

    HttpResponse<InputStream> response =
        TestHttp.send(post(chatUrl, fixture("stream-request.json")).build(), HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    assertThat(reader.readLine()).startsWith("data: ");
    assertThat(TestHttp.eventually(Duration.ofSeconds(2), () -> fake.activeStreams() == 1)).isTrue();
    reader.close(); // abandons the body: the HTTP/1.1 connection is closed

    assertThat(TestHttp.eventually(Duration.ofSeconds(3), () -> fake.cancelledStreams() == 1))
        .as("cancelledStreams became 1").isTrue();
    assertThat(fake.activeStreams()).isZero();
    assertThat(fake.completedStreams()).isZero();
  }
}
