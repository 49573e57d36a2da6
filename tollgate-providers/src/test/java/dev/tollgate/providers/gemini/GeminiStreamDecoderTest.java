package dev.tollgate.providers.gemini;

import dev.tollgate.providers.spi.TranslatingStreamRelay;
import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static dev.tollgate.providers.gemini.GeminiTestSupport.normalized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiStreamDecoderTest {

  private static List<JsonNode> decode(byte[] sse, int pieceSize) {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "requested-model");
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < sse.length; i += pieceSize) {
      for (ChatChunk chunk : decoder.feed(Arrays.copyOfRange(sse, i, Math.min(sse.length, i + pieceSize)))) {
        out.add(normalized(wire(chunk)));
      }
    }
    assertThat(decoder.isDone()).isFalse(); // Gemini streams have no end marker
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text", "tool_call", "thinking"})
  void streamFixtureDecodesToTheExpectedChunksWhateverTheSplit(String name) {
    byte[] sse = Fixtures.bytes("gemini/stream/" + name + ".sse");
    List<JsonNode> expected = Fixtures.jsonLines("gemini/stream/" + name + ".chunks.jsonl");
    for (int pieceSize : new int[] {sse.length, 1, 7, 64}) {
      List<JsonNode> actual = decode(sse, pieceSize);
      assertThat(actual).as("piece size %d", pieceSize).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertJsonEquals(actual.get(i), expected.get(i));
      }
    }
  }

  @Test
  void everyChunkOfAStreamSharesOneIdAndCreated() {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "m");
    List<ChatChunk> chunks = decoder.feed(Fixtures.bytes("gemini/stream/thinking.sse"));
    assertThat(chunks).extracting(ChatChunk::id).containsOnly("chatcmpl-r3");
    assertThat(chunks.stream().map(ChatChunk::created).distinct()).hasSize(1);
  }

  @Test
  void anErrorEventMidStreamIsTheMappedError() {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "m");
    byte[] sse = Fixtures.bytes("gemini/stream/rate_limit_mid_stream.sse");
    assertThatThrownBy(() -> decoder.feed(sse))
        .isInstanceOfSatisfying(RateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(21)))
        .hasMessageContaining("Resource has been exhausted");
  }

  @Test
  void aBlockedPromptInAStreamIsAContentPolicyViolation() {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "m");
    assertThatThrownBy(() -> decoder.feed(Fixtures.bytes("gemini/stream/blocked_prompt.sse")))
        .isInstanceOf(ContentPolicyViolationException.class)
        .hasMessageContaining("PROHIBITED_CONTENT");
  }

  @Test
  void twoCandidatesAreTwoChoicesAndUsageWaitsForBoth() {
    String sse = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A\"}]},\"index\":0},"
        + "{\"content\":{\"parts\":[{\"text\":\"B\"}]},\"index\":1}],\"responseId\":\"n2\"}\n\n"
        + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"!\"}]},\"finishReason\":\"STOP\",\"index\":0}],"
        + "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":2,\"totalTokenCount\":5}}\n\n";
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "m");
    List<ChatChunk> first = decoder.feed(sse.getBytes(StandardCharsets.UTF_8));
    assertThat(first).allSatisfy(c -> assertThat(c.usage()).isNull());
    assertThat(first.stream().flatMap(c -> c.choices().stream()).map(ChatChunk.ChunkChoice::index).distinct())
        .containsExactly(0, 1);
    String last = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"?\"}]},\"finishReason\":\"STOP\","
        + "\"index\":1}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":4,\"totalTokenCount\":7}}"
        + "\n\n";
    List<ChatChunk> rest = decoder.feed(last.getBytes(StandardCharsets.UTF_8));
    ChatChunk usage = rest.get(rest.size() - 1);
    assertThat(usage.choices()).isEmpty();
    assertThat(usage.usage().totalTokens()).isEqualTo(7);
  }

  @Test
  void theRelayHidesTheUsageChunkWhenAskedButStillReportsUsage() {
    TranslatingStreamRelay shown = new TranslatingStreamRelay(new GeminiStreamDecoder("gemini", "m"));
    TranslatingStreamRelay hidden = new TranslatingStreamRelay(new GeminiStreamDecoder("gemini", "m"));
    hidden.hideUsageChunk();
    byte[] sse = Fixtures.bytes("gemini/stream/text.sse");
    List<byte[]> shownFrames = shown.feed(sse);
    List<byte[]> hiddenFrames = hidden.feed(sse);
    assertThat(shownFrames).hasSize(4);
    assertThat(hiddenFrames).hasSize(3);
    assertThat(new String(hiddenFrames.get(2), StandardCharsets.UTF_8)).startsWith("data: {").endsWith("}\n\n")
        .contains("\"finish_reason\":\"stop\"");
    assertThat(hidden.usage().totalTokens()).isEqualTo(15);
    assertThat(hidden.sawFinish()).isTrue();
    assertThat(hidden.isDone()).isFalse();
    JsonNode usageFrame = Json.tree(new String(shownFrames.get(3), StandardCharsets.UTF_8).substring(6).strip()
        .getBytes(StandardCharsets.UTF_8));
    assertThat(usageFrame.get("choices")).isEmpty();
  }
}
