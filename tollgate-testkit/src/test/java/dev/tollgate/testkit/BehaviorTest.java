package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BehaviorTest {

  @Test
  void modifiersReturnCopiesAndKeepTheOriginal() {
    Behavior base = Behavior.reply("Hi");
    Behavior composed = base.delayed(Duration.ofMillis(5)).chunked(2).streamGap(Duration.ofMillis(3))
        .withHeader("x-a", "1").breakAfter(4);

    assertThat(base.delay()).isZero();
    assertThat(base.chunks()).isZero();
    assertThat(base.headers()).isEmpty();
    assertThat(base.breakAfter()).isEqualTo(-1);
    assertThat(composed.text()).isEqualTo("Hi");
    assertThat(composed.delay()).isEqualTo(Duration.ofMillis(5));
    assertThat(composed.chunks()).isEqualTo(2);
    assertThat(composed.streamGap()).isEqualTo(Duration.ofMillis(3));
    assertThat(composed.headers()).containsEntry("x-a", "1");
    assertThat(composed.breakAfter()).isEqualTo(4);
  }

  @Test
  void finishReasons() {
    assertThat(Behavior.reply("x").finishReason()).isEqualTo("stop");
    assertThat(Behavior.toolCall("f", "{}").finishReason()).isEqualTo("tool_calls");
    assertThat(Behavior.reply("x").withFinishReason("length").finishReason()).isEqualTo("length");
  }

  @Test
  void breakStreamAfterIsAnEchoThatBreaks() {
    Behavior b = Behavior.breakStreamAfter(2);
    assertThat(b.kind()).isEqualTo(Behavior.Kind.ECHO);
    assertThat(b.breakAfter()).isEqualTo(2);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> Behavior.reply("x").chunked(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Behavior.reply("x").delayed(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Behavior.error(42, "{}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Behavior.embedding(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void openAiErrorHasAllFourKeys() {
    Behavior b = Behavior.openAiError(429, "slow down", "rate_limit_error", "rate_limit_exceeded");
    assertThat(b.status()).isEqualTo(429);
    assertThat(b.errorBody()).isEqualTo("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\","
        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
  }

  @Test
  void textSplitting() {
    assertThat(TextSplitter.words("Hello brave  world")).containsExactly("Hello", " brave", "  world");
    assertThat(TextSplitter.even("abcdefg", 3)).containsExactly("abc", "de", "fg");
    assertThat(TextSplitter.even("ab", 5)).containsExactly("a", "b");
    assertThat(TextSplitter.even("", 3)).isEmpty();
    assertThat(String.join("", TextSplitter.even("a😀b😀c", 4))).isEqualTo("a😀b😀c");
    assertThat(TokenEstimate.of("abcde")).isEqualTo(2);
  }

  @Test
  void mainParsesOptions() {
    FakeUpstreamMain.Options o = FakeUpstreamMain.parse(new String[] {
        "--port", "9000", "--latency-ms", "50", "--chunks", "4", "--chunk-gap-ms", "5", "--text", "Hi there"});
    assertThat(o.port()).isEqualTo(9000);
    Behavior b = o.behavior();
    assertThat(b.text()).isEqualTo("Hi there");
    assertThat(b.delay()).isEqualTo(Duration.ofMillis(50));
    assertThat(b.chunks()).isEqualTo(4);
    assertThat(b.streamGap()).isEqualTo(Duration.ofMillis(5));
    assertThat(FakeUpstreamMain.parse(new String[0]).behavior().kind()).isEqualTo(Behavior.Kind.ECHO);
    assertThat(FakeUpstreamMain.parse(new String[] {"--help"})).isNull();
    assertThatThrownBy(() -> FakeUpstreamMain.parse(new String[] {"--port", "x"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeUpstreamMain.parse(new String[] {"--bogus"}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
