package dev.tollgate.gateway.guardrails.builtin;

import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.gateway.guardrails.Guardrail;
import dev.tollgate.gateway.guardrails.StreamMasking;
import dev.tollgate.gateway.guardrails.Verdict;
import java.util.List;

/**
 * Blocks input larger than a limit: {@code max_chars} on the longest single text ({@code MAX_INPUT_CHARS}) and
 * {@code max_tokens} on all texts together, counted with the project's {@link TokenCounter} (cl100k,
 * {@code MAX_INPUT_TOKENS}). The character limit is checked first, so an oversized text is never tokenized.
 */
public final class MaxInput implements Guardrail {
  private final Integer maxTokens;
  private final Integer maxChars;

  /** @param maxTokens the token limit, or null; @param maxChars the per-text character limit, or null */
  public MaxInput(Integer maxTokens, Integer maxChars) {
    this.maxTokens = maxTokens;
    this.maxChars = maxChars;
  }

  /** Only blocks. */
  @Override
  public StreamMasking streamMasking() {
    return StreamMasking.NEVER;
  }

  @Override
  public Verdict check(List<String> texts) {
    long chars = 0;
    for (String t : texts) {
      if (t == null) {
        continue;
      }
      if (maxChars != null && t.length() > maxChars) {
        return new Verdict.Blocked(List.of("MAX_INPUT_CHARS"));
      }
      chars += t.length();
    }
    if (maxTokens != null && chars > maxTokens) { // a token is at least one character: fewer chars cannot exceed
      long tokens = 0;
      for (String t : texts) {
        if (t != null) {
          tokens += TokenCounter.countText(t);
        }
      }
      if (tokens > maxTokens) {
        return new Verdict.Blocked(List.of("MAX_INPUT_TOKENS"));
      }
    }
    return Verdict.PASS;
  }
}
