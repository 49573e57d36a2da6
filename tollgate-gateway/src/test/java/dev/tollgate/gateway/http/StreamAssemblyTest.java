package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamAssemblyTest {
  private static final String FRAMES = Http.fixture("/cache/cached-stream-frames.txt");

  private static ObjectNode assemble(String frames, boolean complete) {
    List<ObjectNode> out = new ArrayList<>();
    StreamAssembly assembly = new StreamAssembly(out::add);
    for (String event : frames.split("\n\n")) {
      assembly.frame((event + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
    if (complete) {
      assembly.completed(null);
    }
    return out.isEmpty() ? null : out.get(0);
  }

  @Test
  void contentToolCallsFinishReasonsAndUsageAreReassembled() {
    ObjectNode c = assemble(FRAMES, true);
    assertThat(c.get("object").asText()).isEqualTo("chat.completion");
    assertThat(c.at("/choices/0/message/content").asText()).isEqualTo("Hello");
    assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(c.at("/choices/1/message/content").isNull()).isTrue();
    assertThat(c.at("/choices/1/message/tool_calls/0/id").asText()).isEqualTo("call_1");
    assertThat(c.at("/choices/1/message/tool_calls/0/function/name").asText()).isEqualTo("lookup");
    assertThat(c.at("/choices/1/message/tool_calls/0/function/arguments").asText()).isEqualTo("{\"q\":\"toll\"}");
    assertThat(c.at("/choices/1/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(c.at("/usage/total_tokens").asInt()).isEqualTo(8);
  }

  @Test
  void anUnfinishedStreamIsNotStored() {
    assertThat(assemble(FRAMES, false)).isNull();
    String cut = FRAMES.substring(0, FRAMES.indexOf("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1700000000,\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\""));
    assertThat(assemble(cut, true)).isNull();
  }

  @Test
  void aReplayReassemblesToTheSameAnswer() {
    ObjectNode original = assemble(FRAMES, true);
    String replayed = ChunkReplay.sse(original, true).toString(StandardCharsets.UTF_8);
    assertThat(replayed).endsWith("data: [DONE]\n\n");
    ObjectNode again = assemble(replayed, true);
    assertThat(again).isEqualTo(original);
    JsonNode last = Json.tree(replayed.split("\n\n")[replayed.split("\n\n").length - 2].substring(6)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(last.get("choices")).isEmpty();
    assertThat(ChunkReplay.sse(original, false).toString(StandardCharsets.UTF_8)).doesNotContain("\"usage\"");
  }
}
