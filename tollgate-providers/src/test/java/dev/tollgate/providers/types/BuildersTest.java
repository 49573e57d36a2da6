package dev.tollgate.providers.types;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.Fixtures;
import org.junit.jupiter.api.Test;

class BuildersTest {

  @Test
  void requestBuiltWithBuildersHasTheExpectedJson() {
    var params = Json.object();
    params.put("type", "object");
    params.putObject("properties").putObject("city").put("type", "string");
    var streamOptions = Json.object().put("include_usage", true);

    ChatRequest request = ChatRequest.builder()
        .model("gpt-4o")
        .addMessage(ChatMessage.system("You are terse."))
        .addMessage(ChatMessage.user("Weather in Paris?"))
        .addMessage(ChatMessage.builder()
            .role("assistant")
            .addToolCall(ToolCall.function("call_abc", "get_weather", "{\"city\":\"Paris\"}"))
            .build())
        .addMessage(ChatMessage.tool("call_abc", "18C"))
        .addTool(Tool.function("get_weather", "Current weather", params))
        .temperature(0.5)
        .maxTokens(64)
        .seed(7L)
        .stream(true)
        .streamOptions(streamOptions)
        .extra("top_k", IntNode.valueOf(40))
        .build();

    assertJsonEquals(wire(request), Fixtures.tree("types/built-request.json"));
  }

  @Test
  void toBuilderKeepsEverythingAndCanRemoveExtras() {
    ChatRequest request = ChatRequest.builder()
        .model("m")
        .addMessage(ChatMessage.user("hi"))
        .extra("metadata", TextNode.valueOf("x"))
        .extra("top_k", IntNode.valueOf(1))
        .build();
    ChatRequest copy = request.toBuilder().build();
    assertThat(copy).isEqualTo(request);
    ChatRequest stripped = request.toBuilder().removeExtra("metadata").build();
    assertThat(stripped.extra()).containsOnlyKeys("top_k");
    assertThat(request.withModel("other").model()).isEqualTo("other");
    assertThat(request.withModel("other").extra()).isEqualTo(request.extra());
  }

  @Test
  void textOfStringContent() {
    assertThat(ChatMessage.user("hello").text()).isEqualTo("hello");
  }

  @Test
  void textOfPartArrayJoinsTextParts() throws Exception {
    ChatRequest request =
        Json.read(Fixtures.bytes("openai/chat/multimodal/request.json"), ChatRequest.class);
    assertThat(request.messages().get(0).text()).isEqualTo("What is in this image? And this file?");
  }

  @Test
  void textOfNullContentIsNull() throws Exception {
    ChatRequest request = Json.read(Fixtures.bytes("openai/chat/tools/request.json"), ChatRequest.class);
    assertThat(request.messages().get(1).text()).isNull();
    assertThat(ChatMessage.builder().role("assistant").build().text()).isNull();
  }

  @Test
  void chunkDeltaText() throws Exception {
    var lines = Fixtures.jsonLines("openai/stream/text.chunks.jsonl");
    assertThat(Json.convert(lines.get(1), ChatChunk.class).deltaText()).isEqualTo("Hello");
    assertThat(Json.convert(lines.get(4), ChatChunk.class).deltaText()).isEmpty();
  }
}
