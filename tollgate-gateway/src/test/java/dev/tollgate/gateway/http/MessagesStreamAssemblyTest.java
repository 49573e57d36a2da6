package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An Anthropic event stream assembled into the message the cache stores, and that message replayed as events. */
class MessagesStreamAssemblyTest {
  private static final String STREAM = Http.fixture("/cache/messages/stream-all-blocks.sse");
  private static final JsonNode MESSAGE = Json.tree(Http.fixture("/cache/messages/stream-all-blocks.message.json")
      .getBytes(StandardCharsets.UTF_8));

  private static ObjectNode assemble(String events, Usage usage) {
    List<ObjectNode> out = new ArrayList<>();
    MessagesStreamAssembly assembly = new MessagesStreamAssembly(out::add);
    for (String event : events.split("\n\n")) {
      if (!event.isBlank()) {
        assembly.frame((event + "\n\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    assembly.completed(usage);
    return out.isEmpty() ? null : out.get(0);
  }

  @Test
  void everyKindOfBlockIsReassembled() {
    assertThat(assemble(STREAM, null)).isEqualTo(MESSAGE);
  }

  @Test
  void theStreamsPricedUsageIsStoredWhenGiven() {
    ObjectNode message = assemble(STREAM, new Usage(48, 57, 105, java.util.Map.of("cache_read_input_tokens",
        Json.MAPPER.getNodeFactory().numberNode(8))));
    assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(40);
    assertThat(message.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(8);
    assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(57);
  }

  @Test
  void aReplayReassemblesToTheSameMessage() {
    String replayed = MessagesReplay.sse((ObjectNode) MESSAGE).toString(StandardCharsets.UTF_8);
    String[] events = replayed.split("\n\n");
    assertThat(events[0]).startsWith("event: message_start\n");
    JsonNode start = Json.tree(events[0].substring(events[0].indexOf("data: ") + 6).getBytes(StandardCharsets.UTF_8));
    assertThat(start.at("/message/content")).isEmpty();
    assertThat(start.at("/message/stop_reason").isNull()).isTrue();
    assertThat(start.at("/message/usage/input_tokens").asInt()).isEqualTo(40);
    assertThat(start.at("/message/usage/output_tokens").asInt()).isZero();
    assertThat(events[events.length - 2]).startsWith("event: message_delta\n").contains("\"stop_reason\":\"tool_use\"");
    assertThat(events[events.length - 1]).isEqualTo("event: message_stop\ndata: {\"type\":\"message_stop\"}");

    assertThat(assemble(replayed, null)).isEqualTo(MESSAGE);
  }

  @Test
  void anUnfinishedOrFailedStreamIsNotStored() {
    String unfinished = STREAM.substring(0, STREAM.indexOf("event: message_stop"));
    assertThat(assemble(unfinished, null)).isNull();
    String openBlock = STREAM.substring(0, STREAM.indexOf("event: content_block_stop\ndata: {\"type\":"
        + "\"content_block_stop\",\"index\":2}")) + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    assertThat(assemble(openBlock, null)).isNull();
    String failed = STREAM.replace("event: ping\ndata: {\"type\":\"ping\"}",
        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
            + "\"message\":\"Overloaded\"}}");
    assertThat(assemble(failed, null)).isNull();
    String badInput = STREAM.replace("th\\\", \\\"axles\\\": 2}", "th\\\", \\\"axles\\\": ");
    assertThat(badInput).isNotEqualTo(STREAM);
    assertThat(assemble(badInput, null)).isNull();
  }
}
