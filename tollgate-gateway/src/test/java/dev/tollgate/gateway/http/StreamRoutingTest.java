package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.RoutedChats;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streams and the router: an upstream error before the stream starts is retried (or falls back) like any call; once
 * bytes reach the client, a failure ends the stream with an error event and nothing is retried.
 */
class StreamRoutingTest {
  private static RunningGateway gw;
  private static RoutedChats chats;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/routing/router-config.yaml");
    chats = new RoutedChats(gw);
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
  void anErrorBeforeTheFirstByteIsRetried() throws Exception {
    gw.fake().scriptSequence("stream-retry", Behavior.openAiError(503, "warming up", "server_error", null),
        Behavior.reply("streamed after a retry").chunked(3));

    HttpResponse<InputStream> response = chats.stream("stream-retry");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-litellm-attempted-retries")).hasValue("1");
    List<String> events = events(response);
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    assertThat(text(events)).isEqualTo("streamed after a retry");
    assertThat(chats.calls("stream-retry")).isEqualTo(2);
  }

  @Test
  void aFailureMidStreamEndsWithAnErrorEventAndIsNotRetried() throws Exception {
    gw.fake().script("stream-broken", Behavior.reply("one two three four five six").chunked(6).breakAfter(2));
    gw.fake().script("stream-backup", Behavior.reply("should not be used"));

    HttpResponse<InputStream> response = chats.stream("stream-broken");

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> events = events(response);
    String last = events.get(events.size() - 1);
    assertThat(last).isNotEqualTo("[DONE]");
    JsonNode error = Json.tree(last.getBytes(StandardCharsets.UTF_8)).get("error");
    assertThat(error).isNotNull();
    assertThat(chats.calls("stream-broken")).isEqualTo(1);
    assertThat(chats.calls("stream-backup")).isZero();
  }

  @Test
  void aStreamThatCannotStartFallsBack() throws Exception {
    gw.fake().script("stream-broken", Behavior.openAiError(500, "down", "server_error", null));
    gw.fake().script("stream-backup", Behavior.reply("the backup streams").chunked(2));

    HttpResponse<InputStream> response = chats.stream("stream-broken");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
    assertThat(response.headers().firstValue("x-litellm-model-group")).hasValue("stream-backup");
    assertThat(text(events(response))).isEqualTo("the backup streams");
  }

  private static List<String> events(HttpResponse<InputStream> response) throws Exception {
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

  private static String text(List<String> events) {
    return events.stream().filter(e -> !e.equals("[DONE]"))
        .map(e -> Json.tree(e.getBytes(StandardCharsets.UTF_8)).at("/choices/0/delta/content").asText(""))
        .reduce("", String::concat);
  }
}
