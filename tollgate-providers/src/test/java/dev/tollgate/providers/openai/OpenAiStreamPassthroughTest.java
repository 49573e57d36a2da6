package dev.tollgate.providers.openai;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** OpenAI-format streams and replies pass through byte for byte, with errors and the end still detected. */
class OpenAiStreamPassthroughTest {

  static List<String> streams() {
    return Fixtures.files("openai/stream", ".sse");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void framesCarryEachUpstreamEventUnchangedForAnySplit(String name) {
    byte[] bytes = Fixtures.bytes("openai/stream/" + name + ".sse");
    List<JsonNode> expected = Fixtures.jsonLines("openai/stream/" + name + ".chunks.jsonl");
    for (int cut = 0; cut <= bytes.length; cut += 7) {
      OpenAiStreamPassthrough relay = new OpenAiStreamPassthrough("openai", "gpt-4o");
      List<byte[]> frames = new ArrayList<>(relay.feed(Arrays.copyOfRange(bytes, 0, cut)));
      frames.addAll(relay.feed(Arrays.copyOfRange(bytes, cut, bytes.length)));

      assertThat(relay.isDone()).isTrue();
      assertThat(relay.sawFinish()).isTrue();
      assertThat(frames).hasSize(expected.size());
      for (int i = 0; i < frames.size(); i++) {
        String frame = new String(frames.get(i), StandardCharsets.UTF_8);
        assertThat(frame).startsWith("data: ").endsWith("\n\n");
        assertJsonEquals(Json.tree(frame.substring(6).getBytes(StandardCharsets.UTF_8)), expected.get(i));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void byteByByteReadsGiveTheSameFramesAsOneRead(String name) {
    byte[] bytes = Fixtures.bytes("openai/stream/" + name + ".sse");
    List<byte[]> whole = new OpenAiStreamPassthrough("openai", "gpt-4o").feed(bytes.clone());
    OpenAiStreamPassthrough relay = new OpenAiStreamPassthrough("openai", "gpt-4o");
    List<byte[]> pieces = new ArrayList<>();
    for (byte b : bytes) {
      pieces.addAll(relay.feed(new byte[] {b}));
    }

    assertThat(relay.isDone()).isTrue();
    assertThat(pieces).hasSameSizeAs(whole);
    for (int i = 0; i < whole.size(); i++) {
      assertThat(pieces.get(i)).isEqualTo(whole.get(i));
    }
  }

  @Test
  void aReadHoldingExactlyOneEventIsRelayedAsThatArray() {
    byte[] bytes = Fixtures.bytes("openai/stream/text.sse");
    int end = new String(bytes, StandardCharsets.UTF_8).indexOf("\n\n") + 2;
    byte[] firstEvent = Arrays.copyOfRange(bytes, 0, end);
    OpenAiStreamPassthrough relay = new OpenAiStreamPassthrough("openai", "gpt-4o");

    List<byte[]> frames = relay.feed(firstEvent);

    assertThat(frames).hasSize(1);
    assertThat(frames.get(0)).isSameAs(firstEvent);
  }

  @Test
  void aCarriageReturnSwitchesToTheFullDecoderWithoutLosingTheEventInProgress() {
    byte[] bytes = Fixtures.bytes("openai/stream/text.sse");
    String text = new String(bytes, StandardCharsets.UTF_8);
    int secondEvent = text.indexOf("\n\n") + 2;
    OpenAiStreamPassthrough relay = new OpenAiStreamPassthrough("openai", "gpt-4o");
    // the first event, and half of the second with plain line ends; the rest of the stream with CRLF
    List<byte[]> frames = new ArrayList<>(relay.feed(Arrays.copyOfRange(bytes, 0, secondEvent + 20)));
    String rest = text.substring(secondEvent + 20).replace("\n", "\r\n");
    frames.addAll(relay.feed(rest.getBytes(StandardCharsets.UTF_8)));

    List<JsonNode> expected = Fixtures.jsonLines("openai/stream/text.chunks.jsonl");
    assertThat(relay.isDone()).isTrue();
    assertThat(frames).hasSize(expected.size());
    for (int i = 0; i < frames.size(); i++) {
      String frame = new String(frames.get(i), StandardCharsets.UTF_8);
      assertJsonEquals(Json.tree(frame.substring(6).getBytes(StandardCharsets.UTF_8)), expected.get(i));
    }
  }

  @Test
  void theUsageChunkIsReadAndCanBeHiddenForAnySplit() {
    byte[] bytes = Fixtures.bytes("openai/stream/tool_calls_usage.sse");
    for (int cut = 0; cut <= bytes.length; cut += 11) {
      OpenAiStreamPassthrough shown = new OpenAiStreamPassthrough("openai", "gpt-4o");
      OpenAiStreamPassthrough hidden = new OpenAiStreamPassthrough("openai", "gpt-4o");
      hidden.hideUsageChunk();
      List<byte[]> shownFrames = new ArrayList<>(shown.feed(Arrays.copyOfRange(bytes, 0, cut)));
      shownFrames.addAll(shown.feed(Arrays.copyOfRange(bytes, cut, bytes.length)));
      List<byte[]> hiddenFrames = new ArrayList<>(hidden.feed(Arrays.copyOfRange(bytes, 0, cut)));
      hiddenFrames.addAll(hidden.feed(Arrays.copyOfRange(bytes, cut, bytes.length)));

      for (OpenAiStreamPassthrough relay : List.of(shown, hidden)) {
        assertThat(relay.usage()).isNotNull();
        assertThat(relay.usage().promptTokens()).isEqualTo(82);
        assertThat(relay.usage().completionTokens()).isEqualTo(17);
        assertThat(relay.usage().totalTokens()).isEqualTo(99);
        assertThat(relay.usage().extra()).containsKey("prompt_tokens_details");
        assertThat(relay.isDone()).isTrue();
      }
      assertThat(hiddenFrames).hasSize(shownFrames.size() - 1);
      assertThat(new String(shownFrames.get(shownFrames.size() - 1), StandardCharsets.UTF_8))
          .contains("\"prompt_tokens\":82");
      assertThat(hiddenFrames).noneMatch(f -> new String(f, StandardCharsets.UTF_8).contains("\"prompt_tokens\""));
    }
  }

  @Test
  void usageIsFoundOnlyWhenItIsAnObject() {
    assertThat(OpenAiStreamPassthrough.hasUsageObject("{\"usage\":null}")).isFalse();
    assertThat(OpenAiStreamPassthrough.hasUsageObject("{\"content\":\"the \\\"usage\\\" word\"}")).isFalse();
    assertThat(OpenAiStreamPassthrough.hasUsageObject("{\"usage\": {\"prompt_tokens\": 1}}")).isTrue();
    OpenAiStreamPassthrough relay = new OpenAiStreamPassthrough("openai", "gpt-4o");
    relay.feed("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\n"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(relay.usage()).isNull();
  }

  @Test
  void errorEventRaisesTheTypedError() {
    OpenAiStreamPassthrough relay = new OpenAiStreamPassthrough("openai", "gpt-4o");
    byte[] event = Fixtures.bytes("openai/stream-errors/rate_limit.sse");

    assertThatThrownBy(() -> relay.feed(event)).isInstanceOf(RateLimitException.class);
  }

  @Test
  void finishReasonIsFoundOnlyWhenItHasAValue() {
    assertThat(OpenAiStreamPassthrough.hasFinishReason("{\"finish_reason\":null}")).isFalse();
    assertThat(OpenAiStreamPassthrough.hasFinishReason("{\"finish_reason\": \"stop\"}")).isTrue();
    assertThat(OpenAiStreamPassthrough.hasFinishReason(
        "{\"choices\":[{\"finish_reason\":null},{\"finish_reason\":\"length\"}]}")).isTrue();
  }

  @Test
  void aJsonReplyIsForwardedAsTheSameBytes() {
    OpenAiCompatibleAdapter adapter = new OpenAiCompatibleAdapter(OpenAiCompatibleProviders.row("openai").orElseThrow());
    byte[] body = Fixtures.bytes("openai/chat/basic/reply.json");

    byte[] out = adapter.chatResponseBytes(HttpReply.of(200, body), CallTarget.of("openai", "gpt-4o"));

    assertThat(out).isSameAs(body);
  }
}
