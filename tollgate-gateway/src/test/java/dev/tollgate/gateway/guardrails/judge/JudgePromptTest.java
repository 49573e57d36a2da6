package dev.tollgate.gateway.guardrails.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge's chat request and settings. */
class JudgePromptTest {
  private static ObjectNode params(String json) {
    return (ObjectNode) Json.tree(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCustomPromptAndCompletionParamsMakeTheBody() {
    JudgeSettings s = JudgeSettings.read(params("{\"model\": \"judge\", \"prompt\": \"Only approve questions about "
        + "orders.\", \"completion_params\": {\"temperature\": 0, \"max_tokens\": 60}}"), "g");
    ObjectNode body = JudgePrompt.body(s, List.of("first part", "second part"), "response");
    assertThat(body).isEqualTo(Json.tree(Http.fixture("/guardrails/judge/expected-body.json")
        .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theDefaultPromptCarriesThePolicyAndAsksForJson() {
    JudgeSettings s = JudgeSettings.read(params("{\"model\": \"judge\", \"policy\": \"No talk about pricing.\"}"),
        "g");
    assertThat(s.systemPrompt()).contains("No talk about pricing.").contains("\"allowed\": false")
        .doesNotContain(JudgePrompt.DEFAULT_POLICY);
    assertThat(s.timeout().toSeconds()).isEqualTo(10);
    assertThat(JudgeSettings.read(params("{\"model\": \"judge\"}"), "g").systemPrompt())
        .contains(JudgePrompt.DEFAULT_POLICY);
    ObjectNode input = JudgePrompt.body(s, List.of("hi"), "request");
    assertThat(input.at("/messages/1/content").asText()).startsWith("Judge this input that a user sent");
  }

  @Test
  void badSettingsAreConfigErrors() {
    assertThatThrownBy(() -> JudgeSettings.read(params("{\"policy\": \"x\"}"), "guardrails[1] (judge)"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("guardrails[1] (judge)")
        .hasMessageContaining("model");
    assertThatThrownBy(() -> JudgeSettings.read(params("{\"model\": \"j\", \"policy\": \"a\", \"prompt\": \"b\"}"),
        "g")).isInstanceOf(ConfigException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> JudgeSettings.read(params("{\"model\": \"j\", \"completion_params\": "
        + "{\"messages\": []}}"), "g")).isInstanceOf(ConfigException.class).hasMessageContaining("messages");
    assertThatThrownBy(() -> JudgeSettings.read(params("{\"model\": \"j\", \"timeout\": 0}"), "g"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("timeout");
  }
}
