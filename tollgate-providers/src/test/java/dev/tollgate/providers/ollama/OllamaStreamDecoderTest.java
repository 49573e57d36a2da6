package dev.tollgate.providers.ollama;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.ChatChunk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaStreamDecoderTest {

  @ParameterizedTest(name = "{0} in 5-byte pieces")
  @ValueSource(strings = {"text", "tools", "thinking"})
  void linesBecomeTheExpectedChunksWhereverTheBytesSplit(String name) {
    byte[] all = Fixtures.bytes("ollama/stream/" + name + ".ndjson");
    OllamaStreamDecoder decoder = new OllamaStreamDecoder("ollama", modelOf(all));
    List<ChatChunk> chunks = new ArrayList<>();
    for (int i = 0; i < all.length; i += 5) {
      chunks.addAll(decoder.feed(Arrays.copyOfRange(all, i, Math.min(all.length, i + 5))));
    }

    List<JsonNode> expected = Fixtures.jsonLines("ollama/stream/" + name + ".chunks.jsonl");
    assertThat(chunks).hasSize(expected.size());
    String id = chunks.get(0).id();
    for (int i = 0; i < expected.size(); i++) {
      assertThat(chunks.get(i).id()).as("one id for the whole stream").isEqualTo(id);
      assertJsonEquals(OllamaTestSupport.withoutGeneratedIds(wire(chunks.get(i)), expected.get(i)), expected.get(i));
    }
    assertThat(decoder.isDone()).isTrue();
  }

  @Test
  void anErrorLineIsRaisedWithOllamasMessage() {
    OllamaStreamDecoder decoder = new OllamaStreamDecoder("ollama", "gemma3");

    assertThatThrownBy(() -> decoder.feed(Fixtures.bytes("ollama/stream/error.ndjson")))
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("an error was encountered while running the model");
  }

  @Test
  void aMissingModelInAStreamIsNotFound() {
    OllamaStreamDecoder decoder = new OllamaStreamDecoder("ollama", "llama9");

    assertThatThrownBy(() -> decoder.feed("{\"error\":\"model 'llama9' not found\"}\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theRelayOfTheAdapterHidesTheUsageChunkOnRequest() {
    ChatStreamRelay relay = OllamaTestSupport.PROVIDER.chat().chatStreamRelay(OllamaTestSupport.target("llama3.2"));
    relay.hideUsageChunk();

    List<byte[]> frames = relay.feed(Fixtures.bytes("ollama/stream/text.ndjson"));

    assertThat(frames).hasSize(4);
    assertThat(relay.usage().totalTokens()).isEqualTo(529);
    assertThat(relay.isDone()).isTrue();
  }

  private static String modelOf(byte[] ndjson) {
    String first = new String(ndjson, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    return dev.tollgate.providers.types.Json.tree(first.getBytes(StandardCharsets.UTF_8)).get("model").asText();
  }
}
