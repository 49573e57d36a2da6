package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RoutedChats;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.SpendRows;
import dev.tollgate.testkit.Behavior;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fallbacks across model groups, through the running gateway (routing/router-config.yaml). */
class FallbacksTest {
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
  void configuredFallbacksAreTriedInOrder() {
    gw.fake().script("chain-a", Behavior.openAiError(500, "a is down", "server_error", null));
    gw.fake().script("chain-b", Behavior.openAiError(500, "b is down", "server_error", null));
    gw.fake().script("chain-c", Behavior.reply("c answers"));

    HttpResponse<String> response = chats.chat("chain-a");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RetriesAndCooldownsTest.content(response)).isEqualTo("c answers");
    assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("2");
    assertThat(response.headers().firstValue("x-litellm-model-group")).hasValue("chain-c");
    assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("chain-c");
    List<String> order = chats.upstreamModels().stream().distinct().toList();
    assertThat(order).containsExactly("chain-a", "chain-b", "chain-c");

    // the spend row names the group and deployment that answered
    gw.controlPlane().spend().flush();
    String callId = response.headers().firstValue("x-litellm-call-id").orElseThrow();
    Http.Reply logs = new Http(gw).get("/spend/logs?request_id=" + callId, RunningGateway.MASTER_KEY);
    assertThat(logs.status()).isEqualTo(200);
    assertThat(logs.json()).hasSize(1);
    assertThat(logs.json().get(0).get("model_group").asText()).isEqualTo("chain-c");
    assertThat(logs.json().get(0).get("model_id").asText()).isEqualTo("chain-c");
    assertThat(logs.json().get(0).get("status").asText()).isEqualTo("success");
  }

  @Test
  void aContextWindowErrorGoesStraightToTheContextWindowFallback() {
    gw.fake().script("ctx-small", Behavior.openAiError(400,
        "This model's maximum context length is 8 tokens", "invalid_request_error", "context_length_exceeded"));
    gw.fake().script("ctx-big", Behavior.reply("plenty of room"));

    HttpResponse<String> response = chats.chat("ctx-small");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RetriesAndCooldownsTest.content(response)).isEqualTo("plenty of room");
    assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
    assertThat(chats.calls("ctx-small")).as("not retried").isEqualTo(1);
  }

  @Test
  void aTimeoutFallsBack() {
    gw.fake().script("slow-primary", Behavior.reply("too late").delayed(Duration.ofSeconds(5)));
    gw.fake().script("fast-backup", Behavior.reply("in time"));
    long start = System.nanoTime();

    HttpResponse<String> response = chats.chat("slow-primary");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RetriesAndCooldownsTest.content(response)).isEqualTo("in time");
    assertThat(response.headers().firstValue("x-litellm-model-group")).hasValue("fast-backup");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void requestFallbacksAreTriedAndDisableFallbacksTurnsThemOff() {
    gw.fake().script("req-primary", Behavior.openAiError(500, "primary is down", "server_error", null));
    gw.fake().script("fast-backup", Behavior.reply("picked by the request"));

    HttpResponse<String> chosen = chats.chat("/routing/chat.json", "req-primary", Map.of(),
        body -> body.putArray("fallbacks").addObject().put("model", "fast-backup"));
    assertThat(chosen.statusCode()).isEqualTo(200);
    assertThat(RetriesAndCooldownsTest.content(chosen)).isEqualTo("picked by the request");
    assertThat(chosen.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");

    HttpResponse<String> none = chats.chat("/routing/chat.json", "req-primary", Map.of(), body -> {
      body.putArray("fallbacks").add("fast-backup");
      body.put("disable_fallbacks", true);
    });
    assertThat(none.statusCode()).isEqualTo(500);
    assertThat(none.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("0");
    assertThat(none.headers().firstValue("x-litellm-model-id")).hasValue("req-primary");
    assertThat(chats.calls("fast-backup")).isEqualTo(1);

    // a failed request's row names the deployment tried last
    String callId = none.headers().firstValue("x-litellm-call-id").orElseThrow();
    JsonNode logs = SpendRows.of(gw, callId);
    assertThat(logs).hasSize(1);
    assertThat(logs.get(0).get("status").asText()).isEqualTo("failure");
    assertThat(logs.get(0).get("model_group").asText()).isEqualTo("req-primary");
    assertThat(logs.get(0).get("model_id").asText()).isEqualTo("req-primary");
    assertThat(logs.get(0).get("model").asText()).isEqualTo("req-primary");
  }

  @Test
  void aFallbackGroupTheKeyMayNotCallIsSkipped() {
    gw.fake().script("req-primary", Behavior.openAiError(500, "primary is down", "server_error", null));
    gw.fake().script("fast-backup", Behavior.reply("not for this key"));
    Http.Reply key = new Http(gw).post("/key/generate", RunningGateway.MASTER_KEY,
        Http.fixture("/routing/key-primary-only.json"));
    assertThat(key.status()).isEqualTo(200);
    RoutedChats limited = new RoutedChats(gw, key.json().get("key").asText());

    HttpResponse<String> response = limited.chat("/routing/chat.json", "req-primary", Map.of(),
        body -> body.putArray("fallbacks").add("fast-backup"));

    assertThat(response.statusCode()).isNotEqualTo(200);
    assertThat(chats.calls("fast-backup")).isZero();
    assertThat(chats.calls("req-primary")).isPositive();
  }

  @Test
  void aMockResponseThatNamesAnErrorFailsTheAttemptSoTheRouterFallsBack() {
    gw.fake().script("fast-backup", Behavior.reply("the real one"));

    HttpResponse<String> response = chats.chat("mock-failing");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RetriesAndCooldownsTest.content(response)).isEqualTo("the real one");
    assertThat(response.headers().firstValue("x-litellm-attempted-retries")).hasValue("1");
    assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
  }

  @Test
  void numRetriesHeaderLimitsRetries() {
    gw.fake().script("retry-upstream", Behavior.openAiError(503, "busy", "server_error", null));

    HttpResponse<String> response = chats.chat("/routing/chat.json", "retry-group",
        Map.of("x-litellm-num-retries", "0"), body -> {});

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("x-litellm-attempted-retries")).hasValue("0");
    assertThat(chats.calls("retry-upstream")).isEqualTo(1);
  }
}
