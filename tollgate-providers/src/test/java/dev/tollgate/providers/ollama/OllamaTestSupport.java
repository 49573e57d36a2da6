package dev.tollgate.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.Json;
import java.util.Map;

/** The Ollama provider with no environment (local server, no key) and helpers for generated ids. */
final class OllamaTestSupport {
  static final OllamaProvider PROVIDER = new OllamaProvider(OllamaProvider.OLLAMA);

  private OllamaTestSupport() {}

  static CallTarget target(String model) {
    return PROVIDER.resolve(CallTarget.of("ollama", model), Map.of());
  }

  static ObjectNode json(String text) {
    return (ObjectNode) Json.tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A copy without the generated parts: the root {@code id} (checked to be {@code chatcmpl-...}) and tool-call ids that
   * the expected JSON marks {@code <generated>} (checked to be {@code call_...}).
   */
  static JsonNode withoutGeneratedIds(JsonNode actual, JsonNode expected) {
    ObjectNode copy = ((ObjectNode) actual).deepCopy();
    assertThat(copy.path("id").asText()).startsWith("chatcmpl-");
    copy.remove("id");
    for (int c = 0; c < copy.path("choices").size(); c++) {
      JsonNode message = copy.path("choices").get(c).has("message")
          ? copy.path("choices").get(c).get("message") : copy.path("choices").get(c).path("delta");
      JsonNode expectedMessage = expected.path("choices").get(c).has("message")
          ? expected.path("choices").get(c).get("message") : expected.path("choices").get(c).path("delta");
      for (int i = 0; i < message.path("tool_calls").size(); i++) {
        if ("<generated>".equals(expectedMessage.path("tool_calls").path(i).path("id").asText())) {
          ObjectNode call = (ObjectNode) message.get("tool_calls").get(i);
          assertThat(call.get("id").asText()).matches("call_[0-9a-f]{24}");
          call.put("id", "<generated>");
        }
      }
    }
    return copy;
  }
}
