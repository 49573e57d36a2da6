package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.FakeGuardrailService;
import dev.tollgate.testkit.GuardrailAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cache hit passes the hitting request's remote post-call guardrail as an upstream answer would: the hit waits
 * for the service's verdict (without blocking the event loop), then answers masked, refused, or as stored.
 */
class RemoteGuardedCacheHitsTest {
  private static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static FakeGuardrailService guard;
  private static RunningGateway gw;

  @BeforeAll
  static void start() throws Exception {
    guard = FakeGuardrailService.start();
    gw = RunningGateway.start("/guardrails/remote/cached-gateway-config.yaml",
        Map.of("FAKE_GUARD_POST", guard.url("post")));
  }

  @AfterAll
  static void stop() {
    gw.close();
    guard.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
    guard.reset();
  }

  private static HttpResponse<String> chat(String prompt, boolean guarded) throws Exception {
    String body = "{\"model\":\"gpt-cached\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]"
        + (guarded ? ",\"guardrails\":[\"g-post\"]" : "") + "}";
    return RAW.send(HttpRequest.newBuilder(URI.create(gw.url("/v1/chat/completions")))
        .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String content(HttpResponse<String> r) {
    JsonNode tree = Json.tree(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return tree.at("/choices/0/message/content").asText();
  }

  @Test
  void aHitIsMaskedByTheHittingRequestsRemoteGuardrail() throws Exception {
    gw.fake().script("gpt-cached", Behavior.reply("your code is 1234-5678"));
    HttpResponse<String> stored = chat("what is my code, mask test?", false);
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(content(stored)).isEqualTo("your code is 1234-5678");

    guard.script("post", GuardrailAnswer.mask("\\d{4}-\\d{4}", "[CODE]"));
    HttpResponse<String> hit = chat("what is my code, mask test?", true);
    assertThat(hit.statusCode()).isEqualTo(200);
    assertThat(hit.headers().firstValue("x-litellm-cache-key")).isPresent();
    assertThat(content(hit)).isEqualTo("your code is [CODE]");
    assertThat(gw.fake().requests()).hasSize(1); // the second answer came from the cache
    assertThat(guard.lastCall("post").json().at("/texts/0").asText()).isEqualTo("your code is 1234-5678");
  }

  @Test
  void aHitIsRefusedWhenTheRemoteGuardrailBlocks() throws Exception {
    gw.fake().script("gpt-cached", Behavior.reply("your code is 9999-0000"));
    assertThat(chat("what is my code, block test?", false).statusCode()).isEqualTo(200);

    guard.script("post", GuardrailAnswer.block("leaks a code"));
    HttpResponse<String> hit = chat("what is my code, block test?", true);
    assertThat(hit.statusCode()).isEqualTo(400);
    assertThat(hit.body()).contains("g-post").contains("leaks a code").doesNotContain("9999-0000");
    assertThat(gw.fake().requests()).hasSize(1);
  }

  @Test
  void aHitPassesUnchangedWhenTheRemoteGuardrailPasses() throws Exception {
    gw.fake().script("gpt-cached", Behavior.reply("nothing secret here"));
    assertThat(chat("tell me something, pass test", false).statusCode()).isEqualTo(200);

    guard.script("post", GuardrailAnswer.pass());
    HttpResponse<String> hit = chat("tell me something, pass test", true);
    assertThat(hit.statusCode()).isEqualTo(200);
    assertThat(content(hit)).isEqualTo("nothing secret here");
    assertThat(guard.lastCall("post")).isNotNull();
  }
}
