package dev.tollgate.providers.anthropic;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.anthropic.AnthropicTesting.CLOCK;
import static dev.tollgate.providers.anthropic.AnthropicTesting.provider;
import static dev.tollgate.providers.anthropic.AnthropicTesting.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicStreamDecoderTest {

  /** Feeds the bytes in random pieces (fixed seed), as a network delivers them. */
  static List<ChatChunk> decode(AnthropicStreamDecoder decoder, byte[] bytes, long seed) {
    Random random = new Random(seed);
    List<ChatChunk> out = new ArrayList<>();
    int i = 0;
    while (i < bytes.length) {
      int n = Math.min(bytes.length - i, 1 + random.nextInt(40));
      out.addAll(decoder.feed(Arrays.copyOfRange(bytes, i, i + n)));
      i += n;
    }
    return out;
  }

  static AnthropicStreamDecoder decoder() {
    return new AnthropicStreamDecoder("claude-sonnet-4-5", CLOCK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "tool-use"})
  void streamBecomesTheExpectedChunksWhateverTheSplit(String name) {
    byte[] sse = Fixtures.bytes("anthropic/streams/" + name + ".sse");
    List<JsonNode> expected = Fixtures.jsonLines("anthropic/streams/" + name + ".expected.jsonl");
    for (long seed = 1; seed <= 5; seed++) {
      AnthropicStreamDecoder decoder = decoder();

      List<ChatChunk> chunks = decode(decoder, sse, seed);

      assertThat(chunks).hasSameSizeAs(expected);
      for (int i = 0; i < chunks.size(); i++) {
        assertJsonEquals(Fixtures.wire(chunks.get(i)), expected.get(i));
      }
      assertThat(decoder.isDone()).isTrue();
    }
  }

  @Test
  void thinkingStreamsAsReasoningContentWithItsSignature() {
    List<ChatChunk> chunks = decode(decoder(), Fixtures.bytes("anthropic/streams/thinking.sse"), 7);

    String reasoning = chunks.stream().flatMap(c -> c.choices().stream())
        .map(c -> c.delta().reasoningContent()).filter(r -> r != null).collect(Collectors.joining());
    assertThat(reasoning).isEqualTo("Let me work through this step by step.");
    assertThat(text(chunks)).isEqualTo("The answer is 42.");
    JsonNode signed = chunks.stream().flatMap(c -> c.choices().stream())
        .map(c -> c.delta().extra().get("thinking_blocks")).filter(b -> b != null).findFirst().orElseThrow();
    assertThat(signed.at("/0/signature").asText()).startsWith("EqQBCgIYAhIM");
    assertThat(finishReason(chunks)).isEqualTo("length");
    ChatChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.usage().completionTokens()).isEqualTo(120);
    assertThat(last.usage().extra().get("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(100);
  }

  @Test
  void jsonModeAnswersStreamAsContent() {
    List<ChatChunk> chunks = decode(decoder(), Fixtures.bytes("anthropic/streams/json-mode.sse"), 3);

    assertThat(text(chunks)).isEqualTo("{\"name\": \"Paris\"}[1,2]");
    assertThat(chunks.stream().flatMap(c -> c.choices().stream()).allMatch(c -> c.delta().toolCalls() == null))
        .isTrue();
    assertThat(finishReason(chunks)).isEqualTo("stop");
  }

  @Test
  void anErrorEventIsThrownAsItsTypedException() {
    AnthropicStreamDecoder decoder = decoder();
    String sse = Fixtures.text("anthropic/streams/overloaded.sse");
    int cut = sse.indexOf("event: error");

    List<ChatChunk> before = decoder.feed(sse.substring(0, cut).getBytes(StandardCharsets.UTF_8));
    assertThat(before).hasSize(1);
    assertThatThrownBy(() -> decoder.feed(sse.substring(cut).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.upstreamMessage()).isEqualTo("Overloaded");
        });
  }

  @Test
  void relayHidesTheUsageChunkButStillReportsUsage() {
    byte[] sse = Fixtures.bytes("anthropic/streams/text.sse");
    ChatStreamRelay shown = provider().chatStreamRelay(target("m"));
    ChatStreamRelay hidden = provider().chatStreamRelay(target("m"));
    hidden.hideUsageChunk();

    List<byte[]> all = shown.feed(sse);
    List<byte[]> fewer = hidden.feed(sse);

    assertThat(all).hasSize(5);
    assertThat(fewer).hasSize(4);
    assertThat(new String(fewer.get(3), StandardCharsets.UTF_8)).startsWith("data: {").contains("\"finish_reason\":\"stop\"");
    assertThat(hidden.usage().promptTokens()).isEqualTo(125);
    assertThat(hidden.sawFinish()).isTrue();
    assertThat(hidden.isDone()).isTrue();
    assertThat(provider().streamsOpenAiUsage()).isTrue();
  }

  private static String text(List<ChatChunk> chunks) {
    return chunks.stream().map(ChatChunk::deltaText).collect(Collectors.joining());
  }

  private static String finishReason(List<ChatChunk> chunks) {
    return chunks.stream().flatMap(c -> c.choices().stream()).map(ChatChunk.ChunkChoice::finishReason)
        .filter(f -> f != null).findFirst().orElse(null);
  }

  @Test
  void chunksAreValidJsonFramesOfTheFirstChoice() {
    List<ChatChunk> chunks = decode(decoder(), Fixtures.bytes("anthropic/streams/text.sse"), 11);
    assertThat(Json.tree(Json.write(chunks.get(0))).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
  }
}
