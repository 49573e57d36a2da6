package dev.tollgate.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlParamsTest {

  @Test
  void stripRemovesControlFieldsAndKeepsOthers() {
    ChatRequest request = ChatRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("hi"))
        .temperature(0.1)
        .extra("mock_response", TextNode.valueOf("x"))
        .extra("metadata", Json.object().put("k", "v"))
        .extra("fallbacks", Json.MAPPER.createArrayNode().add("gpt-4o-mini"))
        .extra("api_key", TextNode.valueOf("sk-secret"))
        .extra("api_base", TextNode.valueOf("https://x"))
        .extra("num_retries", IntNode.valueOf(2))
        .extra("drop_params", Json.MAPPER.getNodeFactory().booleanNode(true))
        .extra("top_k", IntNode.valueOf(40))
        .extra("reasoning_effort", TextNode.valueOf("low"))
        .build();
    ChatRequest stripped = ControlParams.strip(request);
    assertThat(stripped.extra()).containsOnlyKeys("top_k", "reasoning_effort");
    assertThat(stripped.temperature()).isEqualTo(0.1);
    assertThat(stripped.messages()).isEqualTo(request.messages());
    assertThat(Json.writeString(stripped)).doesNotContain("sk-secret");
  }

  @Test
  void requestWithoutControlFieldsIsReturnedAsIs() {
    ChatRequest request = ChatRequest.builder().model("m").extra("top_k", IntNode.valueOf(1)).build();
    assertThat(ControlParams.strip(request)).isSameAs(request);
  }

  @Test
  void embeddingStrip() {
    EmbeddingRequest request = new EmbeddingRequest("m", TextNode.valueOf("hi"), "float", 3, "u",
        Map.of("metadata", TextNode.valueOf("x"), "timeout", IntNode.valueOf(5), "input_type", TextNode.valueOf("query")));
    EmbeddingRequest stripped = ControlParams.strip(request);
    assertThat(stripped.extra()).containsOnlyKeys("input_type");
    assertThat(stripped.dimensions()).isEqualTo(3);
    assertThat(stripped.encodingFormat()).isEqualTo("float");
  }

  @Test
  void namesCoverTheLiteLlmControlFields() {
    assertThat(ControlParams.NAMES).contains("mock_response", "metadata", "fallbacks", "api_key", "api_base",
        "api_version", "timeout", "num_retries", "caching", "tags", "drop_params");
  }
}
