package dev.tollgate.gateway.guardrails.stored;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.models.SecretBox;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GuardrailSecretsTest {
  private final SecretBox box = SecretBox.of(null, "sk-master-for-tests");

  private static ObjectNode params(String json) {
    return (ObjectNode) Json.tree(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keysAndHeadersAreSealedAndOpenAgainAsTheyWere() {
    ObjectNode plain = params("{\"guardrail\": \"generic_guardrail_api\", \"api_base\": \"http://g\", "
        + "\"api_key\": \"sk-1\", \"headers\": {\"x-token\": \"t-2\"}, \"timeout\": 2}");
    ObjectNode sealed = GuardrailSecrets.seal(box, plain);
    assertThat(sealed.toString()).doesNotContain("sk-1").doesNotContain("t-2").contains("http://g");
    assertThat(sealed.get("timeout").asInt()).isEqualTo(2);
    assertThat(box.open(sealed)).isEqualTo(plain);
    assertThat(GuardrailSecrets.without(sealed).fieldNames()).toIterable()
        .containsExactly("guardrail", "api_base", "timeout");
  }

  @Test
  void aReplacementKeepsUnsentSecretsOfTheSameIntegrationOnly() {
    ObjectNode stored = GuardrailSecrets.seal(box, params(
        "{\"guardrail\": \"generic_guardrail_api\", \"api_key\": \"sk-1\", \"headers\": {\"a\": \"b\"}}"));
    ObjectNode kept = GuardrailSecrets.keep(stored, params(
        "{\"guardrail\": \"generic_guardrail_api\", \"api_base\": \"http://new\"}"));
    assertThat(box.open(kept).get("api_key").asText()).isEqualTo("sk-1");
    assertThat(box.open(kept).get("headers").get("a").asText()).isEqualTo("b");

    ObjectNode replaced = GuardrailSecrets.keep(stored, params(
        "{\"guardrail\": \"generic_guardrail_api\", \"api_key\": \"sk-new\", \"headers\": null}"));
    assertThat(replaced.get("api_key").asText()).isEqualTo("sk-new");
    assertThat(replaced.has("headers")).as("null removes it").isFalse();

    ObjectNode other = GuardrailSecrets.keep(stored, params("{\"guardrail\": \"tollgate/secrets\"}"));
    assertThat(other.has("api_key")).isFalse();
  }
}
