package dev.tollgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.Behavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} counts what the gateway served, in LiteLLM's metric names, without a key. */
class MetricsEndpointTest {
  private static final String CHAT = "{\"model\": \"%s\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
  private static RunningGateway gw;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/fake-upstream-config.yaml");
    http = new Http(gw);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void requestsFailuresTokensAndTheSpendQueueAreExported() {
    gw.fake().script("gpt-fake-upstream", Behavior.reply("counted"));
    for (int i = 0; i < 3; i++) {
      assertThat(http.post("/v1/chat/completions", RunningGateway.MASTER_KEY, CHAT.formatted("gpt-fake")).status())
          .isEqualTo(200);
    }
    assertThat(http.post("/v1/chat/completions", RunningGateway.MASTER_KEY, CHAT.formatted("no-such-model"))
        .status()).isEqualTo(400);

    Http.Reply metrics = http.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    String text = metrics.json().asText();
    assertThat(text).contains("litellm_proxy_total_requests_metric_total{requested_model=\"gpt-fake\","
        + "route=\"/chat/completions\",status_code=\"200\"} 3.0");
    assertThat(text).contains("litellm_proxy_failed_requests_metric_total{requested_model=\"\","
        + "route=\"/chat/completions\",status_code=\"400\"} 1.0");
    assertThat(text).containsPattern("litellm_total_tokens_metric_total\\{requested_model=\"gpt-fake\"} [1-9]");
    assertThat(text).contains("litellm_request_total_latency_metric_seconds_bucket{requested_model=\"gpt-fake\"");
    assertThat(text).contains("litellm_in_flight_requests 0.0");
    assertThat(text).contains("litellm_in_memory_spend_update_queue_size");
    assertThat(text).contains("tollgate_spend_write_failures_total 0.0");
  }
}
