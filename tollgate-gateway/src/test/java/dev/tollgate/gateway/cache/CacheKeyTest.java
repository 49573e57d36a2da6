package dev.tollgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  private static ObjectNode body(String name) {
    return (ObjectNode) Json.tree(Http.fixture("/cache/" + name).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keyOrderWhitespaceNumberFormStreamUserAndMetadataDoNotChangeTheKey() {
    assertThat(CacheKey.of("gpt-fake", body("chat-request-reordered.json"), null))
        .isEqualTo(CacheKey.of("gpt-fake", body("chat-request.json"), null));
  }

  @Test
  void aChangedTemperatureChangesTheKey() {
    assertThat(CacheKey.of("gpt-fake", body("chat-request-warmer.json"), null))
        .isNotEqualTo(CacheKey.of("gpt-fake", body("chat-request.json"), null));
  }

  @Test
  void theModelGroupNotTheRequestedNameIsHashed() {
    assertThat(CacheKey.of("gpt-fake", body("chat-request-alias.json"), null))
        .isEqualTo(CacheKey.of("gpt-fake", body("chat-request.json"), null));
    assertThat(CacheKey.of("other-group", body("chat-request.json"), null))
        .isNotEqualTo(CacheKey.of("gpt-fake", body("chat-request.json"), null));
  }

  @Test
  void theRecipeIsStable() {
    // the documented recipe (docs/caching.md): sorted keys, plain numbers, model = group, ignored fields left out
    assertThat(CacheKey.canonical("gpt-fake", body("chat-request.json"))).isEqualTo(
        "{\"max_tokens\":50,\"messages\":[{\"content\":\"What is a tollgate?\",\"role\":\"user\"}],"
            + "\"model\":\"gpt-fake\",\"temperature\":0.7}");
    assertThat(CacheKey.of("gpt-fake", body("chat-request.json"), null))
        .matches("[0-9a-f]{64}")
        .isEqualTo(sha256(CacheKey.canonical("gpt-fake", body("chat-request.json"))));
  }

  @Test
  void aNamespaceIsAPrefix() {
    String plain = CacheKey.of("gpt-fake", body("chat-request.json"), null);
    assertThat(CacheKey.of("gpt-fake", body("chat-request.json"), "team-a")).isEqualTo("team-a:" + plain);
  }

  @Test
  void theNamespaceComesFromTheRequestThenMetadataThenTheConfig() {
    CacheSettings settings = new CacheSettings(CacheSettings.Type.LOCAL, null, null, null, "cfg", true,
        java.util.Set.of("acompletion"), 10, 1000);
    ObjectNode body = body("chat-request.json");
    assertThat(CachePlan.of(settings, "acompletion", "gpt-fake", body, null).key()).startsWith("cfg:");
    ((ObjectNode) body.get("metadata")).put("redis_namespace", "meta");
    assertThat(CachePlan.of(settings, "acompletion", "gpt-fake", body, null).key()).startsWith("meta:");
    body.putObject("cache").put("namespace", "req");
    assertThat(CachePlan.of(settings, "acompletion", "gpt-fake", body, null).key()).startsWith("req:");
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
