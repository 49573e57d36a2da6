package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams that go wrong: the upstream breaks, the upstream refuses, the client leaves early. */
class StreamFailuresTest {
  private static RunningGateway gw;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/fake-upstream-config.yaml");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
  }

  @Test
  void upstreamThatBreaksMidStreamEndsTheClientStreamWithAnErrorEvent() throws Exception {
    gw.fake().script("broken", Behavior.breakStreamAfter(2));

    List<String> events = readEvents(open("fake/broken"));

    assertThat(events).isNotEmpty();
    String last = events.get(events.size() - 1);
    assertThat(last).doesNotContain("[DONE]");
    JsonNode error = Json.tree(last.getBytes(StandardCharsets.UTF_8)).get("error");
    assertThat(error).isNotNull();
    assertThat(error.get("message").asText()).containsIgnoringCase("stream");
    assertThat(events.size()).isGreaterThan(1);
  }

  @Test
  void upstreamErrorBeforeTheStreamStartsIsAPlainErrorResponse() throws Exception {
    gw.fake().script("refused", Behavior.error(429, "{\"error\":{\"message\":\"slow down\"}}"));

    HttpResponse<InputStream> response = open("fake/refused");

    assertThat(response.statusCode()).isEqualTo(429);
    try (InputStream body = response.body()) {
      JsonNode error = Json.tree(body.readAllBytes()).get("error");
      assertThat(error.get("message").asText()).contains("slow down");
    }
  }

  @Test
  void clientThatDisconnectsCancelsTheUpstreamStream() throws Exception {
    gw.fake().script("long", Behavior.reply("a b c d e f g h i j k l m n o p q r s t").chunked(20)
        .streamGap(Duration.ofMillis(200)));
    int before = gw.fake().cancelledStreams();

    HttpResponse<InputStream> response = open("fake/long");
    BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    assertThat(reader.readLine()).startsWith("data: ");
    response.body().close();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (gw.fake().cancelledStreams() == before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(gw.fake().cancelledStreams()).isGreaterThan(before);
  }

  @Test
  void completeStreamEndsWithDone() throws Exception {
    gw.fake().script("fine", Behavior.reply("all good here").chunked(3));

    List<String> events = readEvents(open("fake/fine"));

    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    String text = events.stream().filter(e -> !e.equals("[DONE]"))
        .map(e -> Json.tree(e.getBytes(StandardCharsets.UTF_8)).at("/choices/0/delta/content").asText(""))
        .reduce("", String::concat);
    assertThat(text).isEqualTo("all good here");
  }

  private static HttpResponse<InputStream> open(String model) throws Exception {
    String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/v1/chat/completions")))
        .header("authorization", "Bearer " + RunningGateway.MASTER_KEY)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private static List<String> readEvents(HttpResponse<InputStream> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<String> events = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("data: ")) {
          events.add(line.substring(6));
        }
      }
    }
    return events;
  }
}
