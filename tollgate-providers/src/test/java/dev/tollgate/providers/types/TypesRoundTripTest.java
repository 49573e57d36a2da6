package dev.tollgate.providers.types;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture parses into the wire types and serialises back to the same JSON tree, unknown fields included. */
class TypesRoundTripTest {

  static List<String> chatCases() {
    return Fixtures.cases("openai/chat");
  }

  static Stream<Arguments> chunkLines() {
    return Fixtures.files("openai/stream", ".chunks.jsonl").stream()
        .flatMap(name -> {
          List<JsonNode> lines = Fixtures.jsonLines("openai/stream/" + name + ".chunks.jsonl");
          return java.util.stream.IntStream.range(0, lines.size())
              .mapToObj(i -> Arguments.of(name + "#" + i, lines.get(i)));
        });
  }

  @Test
  void thereAreFixtures() {
    assertThat(chatCases()).contains("basic", "tools", "multimodal");
    assertThat(chunkLines()).hasSizeGreaterThan(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chatCases")
  void chatRequestRoundTrips(String name) throws Exception {
    byte[] bytes = Fixtures.bytes("openai/chat/" + name + "/request.json");
    ChatRequest request = Json.read(bytes, ChatRequest.class);
    assertJsonEquals(wire(request), Json.tree(bytes));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chatCases")
  void chatResponseRoundTrips(String name) throws Exception {
    byte[] bytes = Fixtures.bytes("openai/chat/" + name + "/reply.json");
    ChatResponse response = Json.read(bytes, ChatResponse.class);
    assertJsonEquals(wire(response), Json.tree(bytes));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chunkLines")
  void chunkRoundTrips(String name, JsonNode chunk) {
    ChatChunk parsed = Json.convert(chunk, ChatChunk.class);
    assertJsonEquals(wire(parsed), chunk);
  }

  @Test
  void embeddingsRoundTrip() throws Exception {
    byte[] req = Fixtures.bytes("openai/embeddings/basic/request.json");
    assertJsonEquals(wire(Json.read(req, EmbeddingRequest.class)), Json.tree(req));
    byte[] reply = Fixtures.bytes("openai/embeddings/basic/reply.json");
    assertJsonEquals(wire(Json.read(reply, EmbeddingResponse.class)), Json.tree(reply));
  }

  @Test
  void modelledFieldsAreReadAndUnknownFieldsKeptAtEveryLevel() throws Exception {
    ChatRequest basic = Json.read(Fixtures.bytes("openai/chat/basic/request.json"), ChatRequest.class);
    assertThat(basic.model()).isEqualTo("gpt-4o-mini");
    assertThat(basic.temperature()).isEqualTo(0.2);
    assertThat(basic.maxCompletionTokens()).isEqualTo(256);
    assertThat(basic.seed()).isEqualTo(42L);
    assertThat(basic.extra()).containsKeys("top_k", "metadata", "extra_body", "logit_bias", "reasoning_effort");
    assertThat(basic.extra().get("top_k").asInt()).isEqualTo(40);
    assertThat(basic.messages().get(2).extra()).containsKey("x_client_tag");
    assertThat(basic.isStream()).isFalse();

    ChatRequest tools = Json.read(Fixtures.bytes("openai/chat/tools/request.json"), ChatRequest.class);
    assertThat(tools.isStream()).isTrue();
    assertThat(tools.includeUsageInStream()).isTrue();
    ToolCall call = tools.messages().get(1).toolCalls().get(0);
    assertThat(call.extra()).containsKey("x_call_note");
    assertThat(call.function().extra()).containsKey("x_fn_note");
    assertThat(tools.tools().get(0).extra()).containsKey("x_tool_flag");
    assertThat(tools.tools().get(0).function().extra()).containsKey("x_fn_flag");
    assertThat(tools.tools().get(0).function().strict()).isTrue();

    ChatResponse reply = Json.read(Fixtures.bytes("openai/chat/tools/reply.json"), ChatResponse.class);
    assertThat(reply.extra()).containsKeys("prompt_filter_results", "service_tier");
    assertThat(reply.choices().get(0).extra()).containsKey("content_filter_results");
    assertThat(reply.choices().get(0).finishReason()).isEqualTo("tool_calls");
    assertThat(reply.usage().totalTokens()).isEqualTo(99);
    assertThat(reply.usage().extra()).containsKeys("prompt_tokens_details", "completion_tokens_details");
    assertThat(reply.text()).isNull();
  }

  @Test
  void absentFieldsStayAbsent() throws Exception {
    byte[] minimal = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes();
    JsonNode out = wire(Json.read(minimal, ChatRequest.class));
    assertThat(out.properties()).hasSize(2);
    assertThat(out.get("messages").get(0).properties()).hasSize(2);
  }

  @Test
  void explicitNullMarkerGivesWayToAValue() {
    JsonNode first = Fixtures.jsonLines("openai/stream/text.chunks.jsonl").get(0);
    ChatChunk chunk = Json.convert(first, ChatChunk.class);
    ChatChunk.ChunkChoice choice = chunk.choices().get(0);
    ChatChunk.ChunkChoice finished = new ChatChunk.ChunkChoice(
        choice.index(), choice.delta(), "stop", choice.logprobs(), choice.extra());
    String json = Json.writeString(finished);
    assertThat(json).contains("\"finish_reason\":\"stop\"").doesNotContain("null,\"finish_reason\"");
    assertThat(json.split("finish_reason", -1)).hasSize(2);
  }

  @Test
  void streamFlagIsWritten() {
    ChatRequest request = ChatRequest.builder().model("m").stream(true).build();
    assertThat(wire(request).path("stream").asBoolean()).isTrue();
  }
}
