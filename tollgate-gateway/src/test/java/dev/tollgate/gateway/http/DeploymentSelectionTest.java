package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RoutedChats;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.Behavior;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which deployment of a group serves a request: tags, order tiers, pre-call checks (routing/router-config.yaml). */
class DeploymentSelectionTest {
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
  void bodyTagsAndTheTagsHeaderChooseTheTaggedDeployment() {
    for (int i = 0; i < 8; i++) {
      HttpResponse<String> eu = chats.chat("/routing/chat.json", "tag-group", Map.of(),
          body -> body.putArray("tags").add("eu"));
      assertThat(eu.headers().firstValue("x-litellm-model-id")).hasValue("tag-eu");
      HttpResponse<String> us = chats.chat("/routing/chat.json", "tag-group", Map.of("x-litellm-tags", "us"),
          body -> {});
      assertThat(us.headers().firstValue("x-litellm-model-id")).hasValue("tag-us");
    }
    assertThat(chats.calls("tag-eu")).isEqualTo(8);
    assertThat(chats.calls("tag-us")).isEqualTo(8);
  }

  @Test
  void theFirstOrderTierServesWhileItIsHealthy() {
    for (int i = 0; i < 10; i++) {
      assertThat(chats.chat("order-group").headers().firstValue("x-litellm-model-id")).hasValue("order-first");
    }
    assertThat(chats.calls("order-second")).isZero();
  }

  @Test
  void theNextOrderTierServesWhenTheFirstFails() {
    gw.fake().script("order-failing-first", Behavior.openAiError(429, "full", "rate_limit_error", null)
        .withHeader("retry-after", "0"));
    gw.fake().script("order-failing-second", Behavior.reply("second tier"));

    HttpResponse<String> response = chats.chat("order-failing");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RetriesAndCooldownsTest.content(response)).isEqualTo("second tier");
    assertThat(chats.upstreamModels().get(0)).isEqualTo("order-failing-first");
  }

  @Test
  void modelGroupAliasesRouteToTheirGroupAndOnlyVisibleOnesAreListed() {
    HttpResponse<String> hidden = chats.chat("hidden-alias");
    assertThat(hidden.statusCode()).isEqualTo(200);
    assertThat(hidden.headers().firstValue("x-litellm-model-id")).hasValue("order-first");

    Http.Reply models = new Http(gw).get("/v1/models", RunningGateway.MASTER_KEY);
    List<String> ids = new ArrayList<>();
    models.json().path("data").forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids).contains("order-group", "listed-alias").doesNotContain("hidden-alias");
  }

  @Test
  void preCallChecksLeaveOutADeploymentWhoseContextWindowIsTooSmall() {
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = chats.chat("/routing/long-prompt.json", "precheck", Map.of(), body -> {});
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("pre-big");
    }
    assertThat(chats.calls("pre-small")).isZero();
  }
}
