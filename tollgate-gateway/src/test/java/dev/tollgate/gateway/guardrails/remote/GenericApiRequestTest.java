package dev.tollgate.gateway.guardrails.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.CallFacts;
import dev.tollgate.gateway.guardrails.GuardrailCall;
import dev.tollgate.gateway.guardrails.GuardrailMode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request LiteLLM's Generic Guardrail API is sent, field for field, against a fixture. */
class GenericApiRequestTest {
  static JsonNode json(String fixture) {
    return Json.tree(Http.fixture("/guardrails/remote/" + fixture).getBytes(StandardCharsets.UTF_8));
  }

  static GenericApiSettings settings() {
    return GenericApiSettings.read(json("generic-params.json"), "guardrails[0] (generic)");
  }

  @Test
  void textsFactsSanitizedHeadersAndMergedParamsAreSent() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("authorization", "Bearer sk-client");
    headers.put("content-type", "application/json");
    headers.put("user-agent", "OpenAI/Java 4.0");
    headers.put("x-litellm-api-key", "sk-client");
    headers.put("x-litellm-tags", "beta");
    headers.put("x-stainless-lang", "java");
    headers.put("x-request-source", "mobile");
    headers.put("cookie", "session=1");
    headers.put("x-internal-trace", "abc");
    ObjectNode dynamic = Json.object().put("threshold", 0.95).put("strict", true);
    CallFacts facts = new CallFacts("req-123", "trace-9", "gpt-4o", "5e1f0c", "support-bot", "user-7", "team-3",
        "org-1", "customer-42", headers, Map.of("generic", dynamic, "other", Json.object().put("x", 1)));
    GuardrailCall call = new GuardrailCall("generic", GuardrailMode.PRE_CALL, facts, null, Json.object());

    ObjectNode body = GenericApiRequest.body(settings(), List.of("mail jane@example.com", "and say hi"), call);

    assertThat(body).isEqualTo(json("expected-request.json"));
  }

  @Test
  void aPostCallRunIsAResponseAndUnknownFactsAreNull() {
    GuardrailCall call = new GuardrailCall("generic", GuardrailMode.POST_CALL, CallFacts.NONE, null, Json.object());
    ObjectNode body = GenericApiRequest.body(settings(), List.of("the answer"), call);
    assertThat(body.get("input_type").asText()).isEqualTo("response");
    assertThat(body.get("litellm_call_id").isNull()).isTrue();
    assertThat(body.get("request_data").isEmpty()).isTrue();
    assertThat(body.has("request_headers")).isFalse();
    assertThat(body.get("additional_provider_specific_params"))
        .isEqualTo(Json.object().put("threshold", 0.8).put("language", "en"));
  }

  @Test
  void settingsAppendLitellmsPathAndSendTheKeyAsXApiKey() {
    GenericApiSettings s = settings();
    assertThat(s.url()).isEqualTo("http://guard.example:8080/beta/litellm_basic_guardrail_api");
    assertThat(s.headers()).containsEntry("x-api-key", "guard-secret").containsEntry("x-tenant", "acme")
        .containsEntry("x-version", "2").containsEntry("content-type", "application/json");
    assertThat(s.timeout().toMillis()).isEqualTo(1500);
    assertThat(s.failures().unreachableOpen()).isTrue();
    assertThat(s.failures().failOnError()).isTrue();

    ObjectNode exact = Json.object().put("api_base", "https://g.example/beta/litellm_basic_guardrail_api");
    GenericApiSettings already = GenericApiSettings.read(exact, "x");
    assertThat(already.url()).isEqualTo("https://g.example/beta/litellm_basic_guardrail_api");
    assertThat(already.timeout().toSeconds()).isEqualTo(5);
    assertThat(already.headers()).doesNotContainKey("x-api-key");
  }
}
