package dev.tollgate.gateway.guardrails.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.guardrails.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordDetectorTest {
  private static SpanGuardrail guard(boolean wholeWords, EntityAction action) {
    return new SpanGuardrail(new KeywordDetector(List.of("project zeus", "Falcon"), List.of("\\bcase-\\d{4}\\b"),
        wholeWords), Map.of(), action, e -> "[REDACTED]");
  }

  @Test
  void matchesCaseInsensitivelyAndBlocksByDefault() {
    assertThat(guard(true, EntityAction.BLOCK).check(List.of("status of PROJECT ZEUS?")))
        .isEqualTo(new Verdict.Blocked(List.of(KeywordDetector.KEYWORD)));
  }

  @Test
  void wholeWordsIgnoresWordsInsideOtherWords() {
    assertThat(guard(true, EntityAction.BLOCK).check(List.of("the falconry club meets"))).isEqualTo(Verdict.PASS);
    assertThat(guard(false, EntityAction.BLOCK).check(List.of("the falconry club meets")))
        .isInstanceOf(Verdict.Blocked.class);
  }

  @Test
  void masksKeywordsAndPatterns() {
    assertThat(guard(true, EntityAction.MASK).check(List.of("Falcon owns Case-1234.")))
        .isEqualTo(new Verdict.Masked(List.of("[REDACTED] owns [REDACTED]."),
            List.of(KeywordDetector.KEYWORD, KeywordDetector.PATTERN)));
  }
}
