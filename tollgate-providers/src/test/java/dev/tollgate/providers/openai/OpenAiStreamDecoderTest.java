package dev.tollgate.providers.openai;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.types.ChatChunk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiStreamDecoderTest {

  static List<String> streams() {
    return Fixtures.files("openai/stream", ".sse");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void fixtureStreamDecodesToTheExpectedChunks(String name) {
    byte[] bytes = Fixtures.bytes("openai/stream/" + name + ".sse");
    List<JsonNode> expected = Fixtures.jsonLines("openai/stream/" + name + ".chunks.jsonl");
    OpenAiStreamDecoder decoder = new OpenAiStreamDecoder("openai", "gpt-4o");
    List<ChatChunk> chunks = decoder.feed(bytes);
    assertThat(decoder.isDone()).isTrue();
    assertChunks(chunks, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void fixtureStreamSplitAtEveryByteGivesTheSameChunks(String name) {
    byte[] bytes = Fixtures.bytes("openai/stream/" + name + ".sse");
    List<JsonNode> expected = Fixtures.jsonLines("openai/stream/" + name + ".chunks.jsonl");
    for (int cut = 0; cut <= bytes.length; cut += 1) {
      OpenAiStreamDecoder decoder = new OpenAiStreamDecoder("openai", "gpt-4o");
      List<ChatChunk> chunks = new ArrayList<>(decoder.feed(Arrays.copyOfRange(bytes, 0, cut)));
      chunks.addAll(decoder.feed(Arrays.copyOfRange(bytes, cut, bytes.length)));
      assertThat(decoder.isDone()).isTrue();
      assertChunks(chunks, expected);
    }
  }

  @Test
  void notDoneUntilTheDoneMarker() {
    byte[] bytes = Fixtures.bytes("openai/stream/text.sse");
    String text = new String(bytes, StandardCharsets.UTF_8);
    String withoutDone = text.substring(0, text.indexOf("data: [DONE]"));
    OpenAiStreamDecoder decoder = new OpenAiStreamDecoder("openai", "gpt-4o");
    assertThat(decoder.feed(withoutDone.getBytes(StandardCharsets.UTF_8))).hasSize(5);
    assertThat(decoder.isDone()).isFalse();
    assertThat(decoder.feed("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(decoder.isDone()).isTrue();
    // anything after [DONE] is ignored
    assertThat(decoder.feed(withoutDone.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void streamedTextConcatenates() {
    OpenAiStreamDecoder decoder = new OpenAiStreamDecoder("openai", "gpt-4o");
    StringBuilder text = new StringBuilder();
    decoder.feed(Fixtures.bytes("openai/stream/text.sse")).forEach(c -> text.append(c.deltaText()));
    assertThat(text).hasToString("Hello there! éè ☃ 😀");
  }

  @Test
  void errorEventAfterContentThrowsRateLimit() {
    OpenAiStreamDecoder decoder = new OpenAiStreamDecoder("openai", "gpt-4o");
    byte[] bytes = Fixtures.bytes("openai/stream-errors/rate_limit.sse");
    String text = new String(bytes, StandardCharsets.UTF_8);
    int split = text.indexOf("data: {\"error\"");
    assertThat(decoder.feed(text.substring(0, split).getBytes(StandardCharsets.UTF_8))).hasSize(1);
    assertThatThrownBy(() -> decoder.feed(text.substring(split).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RateLimitException.class)
        .satisfies(e -> {
          ProviderException p = (ProviderException) e;
          assertThat(p.status()).isEqualTo(429);
          assertThat(p.upstreamMessage()).contains("Rate limit reached");
          assertThat(p.provider()).isEqualTo("openai");
          assertThat(p.model()).isEqualTo("gpt-4o");
        });
  }

  @Test
  void serverErrorEventThrowsInternalServerError() {
    assertThatThrownBy(() -> decode("server_error"))
        .isExactlyInstanceOf(InternalServerException.class)
        .hasMessageContaining("The server had an error");
  }

  @Test
  void contextLengthErrorEventThrowsContextWindowExceeded() {
    assertThatThrownBy(() -> decode("context_length"))
        .isInstanceOf(ContextWindowExceededException.class)
        .satisfies(e -> assertThat(((ProviderException) e).code()).isEqualTo("context_length_exceeded"));
  }

  @Test
  void numericCodeIsTheStatus() {
    assertThatThrownBy(() -> decode("numeric_code"))
        .isInstanceOf(ServiceUnavailableException.class);
  }

  @Test
  void nonJsonDataThrowsInternalServerError() {
    assertThatThrownBy(() -> decode("not_json"))
        .isExactlyInstanceOf(InternalServerException.class)
        .hasMessageContaining("not JSON")
        .hasMessageContaining("502 Bad Gateway");
  }

  private static List<ChatChunk> decode(String errorCase) {
    return new OpenAiStreamDecoder("openai", "gpt-4o")
        .feed(Fixtures.bytes("openai/stream-errors/" + errorCase + ".sse"));
  }

  private static void assertChunks(List<ChatChunk> chunks, List<JsonNode> expected) {
    assertThat(chunks).hasSameSizeAs(expected);
    for (int i = 0; i < chunks.size(); i++) {
      assertJsonEquals(wire(chunks.get(i)), expected.get(i));
    }
  }
}
