package dev.tollgate.gateway.guardrails.stored;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.ConfiguredGuardrail;
import dev.tollgate.gateway.guardrails.GuardrailMode;
import dev.tollgate.gateway.guardrails.Verdict;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardrailCheckTest {
  private static ObjectNode params(String json) {
    return (ObjectNode) Json.tree(json.getBytes(StandardCharsets.UTF_8));
  }

  private static ApiError refused(String json) {
    try {
      GuardrailCheck.build("g", params(json), null, Map.of(), "litellm_params");
    } catch (ApiError e) {
      return e;
    }
    throw new AssertionError("not refused: " + json);
  }

  @Test
  void aGoodGuardrailBuildsAsItWillBeServed() {
    ConfiguredGuardrail g = GuardrailCheck.build("codenames", params(
        "{\"guardrail\": \"tollgate/keywords\", \"mode\": [\"pre_call\", \"post_call\"], \"keywords\": [\"zeus\"]}"),
        Json.object().put("description", "d"), Map.of(), "litellm_params");
    assertThat(g.name()).isEqualTo("codenames");
    assertThat(g.modes()).containsExactlyInAnyOrder(GuardrailMode.PRE_CALL, GuardrailMode.POST_CALL);
    assertThat(g.check().check(List.of("about zeus"))).isInstanceOf(Verdict.Blocked.class);
    assertThat(g.info().get("description").asText()).isEqualTo("d");
  }

  @Test
  void eachProblemNamesItsField() {
    assertThat(refused("{\"guardrail\": \"nope\"}").param()).isEqualTo("litellm_params.guardrail");
    assertThat(refused("{\"guardrail\": \"tollgate/secrets\", \"mode\": \"sometimes\"}").param())
        .isEqualTo("litellm_params.mode");
    assertThat(refused("{\"guardrail\": \"tollgate/llm_judge\"}").param()).isEqualTo("litellm_params.model");
    assertThat(refused("{\"guardrail\": \"generic_guardrail_api\", \"api_base\": \"ftp://x\"}").param())
        .isEqualTo("litellm_params.api_base");
    assertThat(refused("{\"guardrail\": \"tollgate/prompt_injection\", \"extra_patterns\": [{\"pattern\": \"(\"}]}")
        .param()).isEqualTo("litellm_params.extra_patterns");
    assertThat(refused("{\"guardrail\": \"tollgate/pii\", \"pii_entities_config\": {\"EMAIL_ADDRESS\": \"HIDE\"}}")
        .param()).isEqualTo("litellm_params.pii_entities_config");
    assertThat(refused("{\"guardrail\": \"tollgate/topics\"}").param()).isEqualTo("litellm_params");
    ApiError env = refused("{\"guardrail\": \"generic_guardrail_api\", \"api_base\": \"http://h\", "
        + "\"headers\": {\"x-t\": \"os.environ/NOT_SET_ANYWHERE\"}}");
    assertThat(env.param()).isEqualTo("litellm_params.headers.x-t");
    assertThat(env.getMessage()).contains("os.environ/NOT_SET_ANYWHERE");
  }

  @Test
  void theMessageLeavesOutTheEntryPrefixButKeepsTheProblem() {
    ApiError e = refused("{\"guardrail\": \"tollgate/max_input\"}");
    assertThat(e.getMessage()).isEqualTo("tollgate/max_input needs 'max_tokens' or 'max_chars'");
    assertThat(e.status()).isEqualTo(400);
    assertThat(GuardrailCheck.withoutEntry("plain message")).isEqualTo("plain message");
  }

  @Test
  void referencesResolveFromTheEnvironmentGiven() {
    ConfiguredGuardrail g = GuardrailCheck.build("size", params(
        "{\"guardrail\": \"tollgate/max_input\", \"max_chars\": 5, \"note\": \"os.environ/NOTE\"}"), null,
        Map.of("NOTE", "resolved"), "litellm_params");
    assertThat(g.params().get("note").asText()).isEqualTo("resolved");
    assertThatThrownBy(() -> GuardrailCheck.build("size", params(
        "{\"guardrail\": \"tollgate/max_input\", \"max_chars\": 5, \"note\": \"os.environ/NOTE\"}"), null,
        Map.of(), "litellm_params")).isInstanceOf(ApiError.class).hasMessageContaining("litellm_params.note");
  }
}
