package dev.tollgate.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromptCaptureTest {
  @Test
  void shortMessagesAreKeptAsWritten() {
    ArrayNode messages = Json.MAPPER.createArrayNode();
    messages.addObject().put("role", "user").put("content", "hi");
    assertThat(PromptCapture.messages(messages)).isEqualTo("[{\"role\":\"user\",\"content\":\"hi\"}]");
    assertThat(PromptCapture.messages(null)).isEqualTo("{}");
  }

  @Test
  void aLongStringKeepsItsHeadAndTailAroundAMarker() {
    String text = "H" + "x".repeat(PromptCapture.MAX_STRING_CHARS * 2) + "T";
    ArrayNode messages = Json.MAPPER.createArrayNode();
    messages.addObject().put("role", "user").put("content", text);
    JsonNode stored = tree(PromptCapture.messages(messages));
    String content = stored.get(0).get("content").asText();
    assertThat(content).startsWith("H").endsWith("T").contains("litellm_truncated");
    assertThat(content.length()).isLessThan(PromptCapture.MAX_STRING_CHARS + 100);
    assertThat(messages.get(0).get("content").asText()).isEqualTo(text); // the request itself is not changed
  }

  @Test
  void aColumnOverTheCapIsStoredAsAMarkedHead() {
    ArrayNode messages = Json.MAPPER.createArrayNode();
    for (int i = 0; i < 30; i++) {
      messages.addObject().put("role", "user").put("content", "y".repeat(PromptCapture.MAX_STRING_CHARS - 10));
    }
    String stored = PromptCapture.messages(messages);
    assertThat(stored.length()).isLessThanOrEqualTo(PromptCapture.MAX_COLUMN_CHARS);
    JsonNode cut = tree(stored);
    assertThat(cut.get("litellm_truncated").asBoolean()).isTrue();
    assertThat(cut.get("original_chars").asInt()).isGreaterThan(PromptCapture.MAX_COLUMN_CHARS);
  }

  @Test
  void aReplyThatIsNotJsonIsKeptAsAString() {
    assertThat(tree(PromptCapture.response("plain text".getBytes(StandardCharsets.UTF_8))).asText())
        .isEqualTo("plain text");
  }

  private static JsonNode tree(String json) {
    return Json.tree(json.getBytes(StandardCharsets.UTF_8));
  }
}
