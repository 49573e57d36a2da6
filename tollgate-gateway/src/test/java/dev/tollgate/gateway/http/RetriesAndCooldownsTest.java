package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.RoutedChats;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries within a model group and deployment cooldowns, through the running gateway (routing/router-config.yaml). */
class RetriesAndCooldownsTest {
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
  void aRateLimitedCallIsRetriedAndTheHeadersSaySo() {
    gw.fake().scriptSequence("retry-upstream",
        Behavior.openAiError(429, "slow down", "rate_limit_error", null).withHeader("retry-after", "0"),
        Behavior.reply("second time lucky"));

    HttpResponse<String> response = chats.chat("retry-group");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(content(response)).isEqualTo("second time lucky");
    assertThat(response.headers().firstValue("x-litellm-attempted-retries")).hasValue("1");
    assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("0");
    assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("retry-upstream");
    assertThat(response.headers().firstValue("x-litellm-model-group")).hasValue("retry-group");
    assertThat(chats.calls("retry-upstream")).isEqualTo(2);
  }

  @Test
  void embeddingsAreRetriedToo() {
    gw.fake().scriptSequence("embed-retry", Behavior.openAiError(503, "busy", "server_error", null),
        Behavior.embedding(4));

    HttpResponse<String> response = chats.embedding("embed-retry");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-litellm-attempted-retries")).hasValue("1");
    assertThat(chats.calls("embed-retry")).isEqualTo(2);
  }

  @Test
  void anAuthenticationErrorIsNotRetriedOnThatDeploymentAndCoolsItDown() {
    gw.fake().script("auth-bad", Behavior.openAiError(401, "bad key", "invalid_request_error", "invalid_api_key"));
    gw.fake().script("auth-good", Behavior.reply("good"));

    // until the random pick has tried the refused deployment once
    for (int i = 0; i < 40 && chats.calls("auth-bad") == 0; i++) {
      chats.chat("auth-group");
    }
    assertThat(chats.calls("auth-bad")).isEqualTo(1);

    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = chats.chat("auth-group");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("auth-good");
    }
    assertThat(chats.calls("auth-bad")).as("cooling down: skipped").isEqualTo(1);

    // a reload builds a new router over the same state: the cooldown holds
    var before = gw.gateway().settings();
    gw.gateway().reload(before.withModels(before.models().withStored(java.util.List.of())));
    assertThat(gw.gateway().settings().router()).isNotSameAs(before.router());
    assertThat(gw.gateway().settings().router().state()).isSameAs(before.router().state());
    for (int i = 0; i < 5; i++) {
      assertThat(chats.chat("auth-group").headers().firstValue("x-litellm-model-id")).hasValue("auth-good");
    }
    assertThat(chats.calls("auth-bad")).isEqualTo(1);
  }

  @Test
  void whenEveryDeploymentIsCoolingDownTheClientGetsA429WithRetryAfter() {
    gw.fake().script("cool-only", Behavior.openAiError(500, "broken", "server_error", null));
    chats.chat("cool-group"); // fails, and the deployment (allowed_fails: 0) cools down
    long calls = chats.calls("cool-only");

    HttpResponse<String> response = chats.chat("cool-group");

    assertThat(response.statusCode()).isEqualTo(429);
    JsonNode error = Json.tree(response.body().getBytes(StandardCharsets.UTF_8)).get("error");
    assertThat(error.get("message").asText()).contains("No deployments available");
    assertThat(error.get("code").asText()).isEqualTo("429");
    assertThat(response.headers().firstValue("retry-after")).isPresent();
    assertThat(Long.parseLong(response.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 30L);
    assertThat(response.headers().firstValue("x-litellm-model-group")).hasValue("cool-group");
    assertThat(chats.calls("cool-only")).as("nothing reached the cooling deployment").isEqualTo(calls);
  }

  static String content(HttpResponse<String> response) {
    return Json.tree(response.body().getBytes(StandardCharsets.UTF_8)).at("/choices/0/message/content").asText();
  }
}
