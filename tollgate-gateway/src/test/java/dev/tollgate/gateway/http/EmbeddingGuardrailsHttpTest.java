package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.FakeGuardrailService;
import dev.tollgate.testkit.GuardrailAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pre-call guardrails on {@code /v1/embeddings} through a running gateway, with the OpenAI Java SDK as the client
 * where it can express the call: a block is a 400 in OpenAI's shape and nothing goes upstream; a mask is what the
 * upstream receives and what the per-item cache keys are made from; clean input passes; a remote guardrail masks and
 * blocks inputs too; token arrays are not scanned; post- and during-call guardrails do not apply; runs are on the spend
 * row and in the metrics.
 */
class EmbeddingGuardrailsHttpTest {
  private static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static FakeGuardrailService guard;
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    guard = FakeGuardrailService.start();
    gw = RunningGateway.start("/guardrails/embeddings/gateway-config.yaml",
        Map.of("FAKE_GUARD_EMBED", guard.url("embed")));
    client = OpenAIOkHttpClient.builder().apiKey(RunningGateway.MASTER_KEY).baseUrl(gw.baseUrl()).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gw.close();
    guard.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
    guard.reset();
  }

  private static EmbeddingCreateParams embed(List<String> input, String marker, String... guardrails) {
    return EmbeddingCreateParams.builder().model("fake/text-embedding-3-small").inputOfArrayOfStrings(input)
        .putAdditionalBodyProperty("guardrails", JsonValue.from(List.of(guardrails)))
        .putAdditionalBodyProperty("metadata", JsonValue.from(Map.of("test_marker", marker))).build();
  }

  private static HttpResponse<String> raw(String fixture) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/v1/embeddings")))
          .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Http.fixture("/guardrails/embeddings/" + fixture))).build();
      return RAW.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sentInput() {
    return gw.fake().lastRequest().json().get("input");
  }

  @Test
  void aBlockingGuardrailRefusesTheInputInOpenAisShapeBeforeTheUpstream() {
    assertThatThrownBy(() -> client.embeddings().create(embed(List.of("fine", "charge 4111 1111 1111 1111"),
        "embed-blocked", "no-cards-in"))).isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.getMessage()).contains("Violated guardrail policy").contains("no-cards-in")
              .contains("pre_call").contains("CREDIT_CARD").doesNotContain("4111");
        });
    assertThat(gw.fake().requests()).isEmpty();
    JsonNode row = row("embed-blocked");
    assertThat(row.get("status").asText()).isEqualTo("failure");
    JsonNode run = runs(row).get(0);
    assertThat(run.get("guardrail_name").asText()).isEqualTo("no-cards-in");
    assertThat(run.get("guardrail_status").asText()).isEqualTo("blocked");
  }

  @Test
  void theMaskedInputIsWhatTheUpstreamGetsAndWhatTheCacheKeysAreMadeOf() {
    HttpResponse<String> first = raw("masked-list.json");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(sentInput().get(0).asText()).isEqualTo("mail <EMAIL_ADDRESS> about the invoice");
    assertThat(sentInput().get(1).asText()).isEqualTo("nothing personal here");
    assertThat(first.headers().firstValue("x-litellm-applied-guardrails")).hasValue("pii-in"); // not out-only
    assertThat(Json.tree(first.body().getBytes(StandardCharsets.UTF_8)).get("data")).hasSize(2);

    // another address masks to the same text: the item is answered from the entry the masked text keyed
    HttpResponse<String> again = raw("masked-again.json");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("x-litellm-cache-key")).isPresent();
    assertThat(gw.fake().requests()).hasSize(1);

    HttpResponse<String> single = raw("masked-string.json");
    assertThat(single.statusCode()).isEqualTo(200);
    assertThat(sentInput().asText()).isEqualTo("reach me at <EMAIL_ADDRESS> today");

    JsonNode runs = runs(row("embed-masked"));
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("guardrail_mode").asText()).isEqualTo("pre_call");
    assertThat(runs.get(0).get("guardrail_status").asText()).isEqualTo("masked");
    assertThat(runs.get(0).at("/detected_entities/0").asText()).isEqualTo("EMAIL_ADDRESS");
    assertThat(metrics()).containsPattern(
        "tollgate_guardrail_runs_total\\{[^}]*guardrail=\"pii-in\"[^}]*mode=\"pre_call\"[^}]*outcome=\"masked\"");
  }

  @Test
  void cleanInputPassesUnchanged() {
    CreateEmbeddingResponse r = client.embeddings().create(embed(List.of("what is the weather", "in Paris"),
        "embed-clean", "pii-in", "no-cards-in"));
    assertThat(r.data()).hasSize(2);
    assertThat(sentInput().get(0).asText()).isEqualTo("what is the weather");
    assertThat(sentInput().get(1).asText()).isEqualTo("in Paris");
    assertThat(gw.fake().lastRequest().json().has("guardrails")).isFalse();
    assertThat(runs(row("embed-clean")).findValuesAsText("guardrail_status")).containsExactly("passed", "passed");
  }

  @Test
  void aRemoteGuardrailMasksAndBlocksEmbeddingInputs() {
    guard.script("embed", GuardrailAnswer.mask("\\d{3}-\\d{4}", "[PHONE]"));
    client.embeddings().create(embed(List.of("call 555-0132", "or 555-0199 later"), "embed-remote", "vendor-in"));
    assertThat(sentInput().get(0).asText()).isEqualTo("call [PHONE]");
    assertThat(sentInput().get(1).asText()).isEqualTo("or [PHONE] later");
    JsonNode call = guard.lastCall("embed").json();
    assertThat(call.get("input_type").asText()).isEqualTo("request");
    assertThat(call.get("texts")).hasSize(2);
    assertThat(call.at("/texts/0").asText()).isEqualTo("call 555-0132");
    assertThat(runs(row("embed-remote")).get(0).get("guardrail_status").asText()).isEqualTo("masked");

    gw.fake().reset();
    guard.script("embed", GuardrailAnswer.block("embeds customer data"));
    assertThatThrownBy(() -> client.embeddings().create(embed(List.of("anything"), "embed-remote-block",
        "vendor-in"))).isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
            .contains("vendor-in").contains("embeds customer data"));
    assertThat(gw.fake().requests()).isEmpty();
  }

  @Test
  void tokenArraysAreNotScanned() {
    HttpResponse<String> r = raw("token-arrays.json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(sentInput().get(0).toString()).isEqualTo("[4111,1111,1111,1111]");
    assertThat(guard.calls("embed")).isEmpty();
    JsonNode metadata = Json.tree(row("embed-tokens").get("metadata").asText().getBytes(StandardCharsets.UTF_8));
    assertThat(metadata.has("guardrail_information")).isFalse();
  }

  private static String metrics() {
    try {
      return RAW.send(HttpRequest.newBuilder(URI.create(gw.url("/metrics"))).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode runs(JsonNode row) {
    return Json.tree(row.get("metadata").asText().getBytes(StandardCharsets.UTF_8)).get("guardrail_information");
  }

  /** The spend row whose metadata carries {@code marker}, after a flush. */
  private static JsonNode row(String marker) {
    gw.controlPlane().spend().flush();
    return gw.controlPlane().database().inline(c -> {
      try (var s = c.prepareStatement("SELECT status, metadata FROM tg_spend_logs WHERE metadata LIKE ?")) {
        s.setString(1, "%\"test_marker\":\"" + marker + "\"%");
        try (var rs = s.executeQuery()) {
          assertThat(rs.next()).as("a row for " + marker).isTrue();
          return Json.object().put("status", rs.getString(1)).put("metadata", rs.getString(2));
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
