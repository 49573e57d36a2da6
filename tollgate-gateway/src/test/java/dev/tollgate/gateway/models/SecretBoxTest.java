package dev.tollgate.gateway.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private static ObjectNode params() {
    ObjectNode p = Json.object();
    p.put("model", "openai/gpt-4o");
    p.put("api_key", "sk-very-secret");
    p.putObject("vertex_credentials").put("private_key", "-----BEGIN-----");
    p.put("temperature", 0.2);
    return p;
  }

  @Test
  void sealsOnlyCredentialsAndOpensThemAgain() {
    SecretBox box = SecretBox.of(null, "sk-master");
    ObjectNode sealed = box.seal(params());
    assertThat(sealed.get("model").asText()).isEqualTo("openai/gpt-4o");
    assertThat(sealed.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(sealed.get("api_key").asText()).startsWith(SecretBox.PREFIX);
    assertThat(sealed.get("vertex_credentials").asText()).startsWith(SecretBox.PREFIX);
    assertThat(sealed.toString()).doesNotContain("sk-very-secret").doesNotContain("BEGIN");
    assertThat(box.open(sealed)).isEqualTo(params());
  }

  @Test
  void sealingTwiceDoesNotWrapAgainAndNoncesDiffer() {
    SecretBox box = SecretBox.of(null, "sk-master");
    ObjectNode once = box.seal(params());
    assertThat(box.seal(once)).isEqualTo(once);
    assertThat(box.seal(params()).get("api_key")).isNotEqualTo(once.get("api_key"));
  }

  @Test
  void theSaltKeyWinsOverTheMasterKeyAndAnotherKeyCannotOpen() {
    ObjectNode sealed = SecretBox.of("salt-1", "sk-master").seal(params());
    assertThat(SecretBox.of("salt-1", "sk-other-master").open(sealed)).isEqualTo(params());
    assertThatThrownBy(() -> SecretBox.of(null, "sk-master").open(sealed))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("LITELLM_SALT_KEY");
  }

  @Test
  void plaintextValuesFromOlderRowsPassThrough() {
    assertThat(SecretBox.of(null, "sk-master").open(params())).isEqualTo(params());
  }
}
