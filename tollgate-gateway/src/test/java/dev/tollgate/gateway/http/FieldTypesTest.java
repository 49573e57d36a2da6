package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import org.junit.jupiter.api.Test;

/** The chat request's field kinds come from the record; nulls and unmodelled fields pass. */
class FieldTypesTest {
  private static final FieldTypes CHAT = FieldTypes.of(ChatRequest.class);

  @Test
  void wellTypedBodiesPass() throws Exception {
    ObjectNode body = (ObjectNode) Json.MAPPER.readTree(
        "{\"model\": \"m\", \"messages\": [], \"temperature\": 0, \"max_tokens\": 5, \"stream\": true,"
            + " \"top_p\": null, \"metadata\": {\"a\": 1}, \"stop\": [\"x\"], \"tool_choice\": \"auto\"}");
    CHAT.check(body);
    assertThat(body.size()).isEqualTo(9);
  }

  @Test
  void aJsonPropertyNameIsCheckedUnderThatName() throws Exception {
    ObjectNode body = (ObjectNode) Json.MAPPER.readTree("{\"max_completion_tokens\": \"ten\"}");
    assertThatThrownBy(() -> CHAT.check(body))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.getMessage()).contains("'max_completion_tokens'").contains("expected a number");
          assertThat(e.param()).isEqualTo("max_completion_tokens");
        });
  }

  @Test
  void fieldsWithAnyShapeAreNotChecked() throws Exception {
    CHAT.check((ObjectNode) Json.MAPPER.readTree("{\"stop\": 3, \"response_format\": \"text\", \"custom\": []}"));
  }
}
