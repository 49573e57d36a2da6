package dev.tollgate.gateway.guardrails.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.gateway.guardrails.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaxInputTest {
  @Test
  void blocksTextsLongerThanTheCharacterLimit() {
    MaxInput g = new MaxInput(null, 10);
    assertThat(g.check(List.of("short", "0123456789"))).isEqualTo(Verdict.PASS);
    assertThat(g.check(List.of("short", "0123456789X"))).isEqualTo(new Verdict.Blocked(List.of("MAX_INPUT_CHARS")));
  }

  @Test
  void countsTokensOfAllTextsTogether() {
    String text = "hello world, this is a sentence";
    int tokens = TokenCounter.countText(text);
    assertThat(new MaxInput(2 * tokens, null).check(List.of(text, text))).isEqualTo(Verdict.PASS);
    assertThat(new MaxInput(2 * tokens - 1, null).check(List.of(text, text)))
        .isEqualTo(new Verdict.Blocked(List.of("MAX_INPUT_TOKENS")));
  }
}
