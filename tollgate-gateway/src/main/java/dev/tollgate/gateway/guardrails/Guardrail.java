package dev.tollgate.gateway.guardrails;

import java.util.List;

/**
 * The one hook every guardrail implements: look at some texts (a request's message texts in order, a reply's
 * choices, a stream's text so far, or one text given to {@code /guardrails/apply_guardrail}) and pass them, mask
 * them, or block. The same contract serves every mode ({@link GuardrailMode}); the gateway decides when to call it.
 *
 * <p>Implementations are called on event loops: they must be CPU-only, fast and thread-safe (precompiled patterns,
 * no I/O, no shared mutable state).
 */
@FunctionalInterface
public interface Guardrail {
  /** The verdict on {@code texts}; a {@link Verdict.Masked} holds one masked text per input text, same order. */
  Verdict check(List<String> texts);

  /**
   * How this guardrail's masks apply to a streamed answer. The default assumes the worst (it may mask anything of any
   * length), so the answer is checked whole; guardrails that never mask, or mask only short things, say so.
   */
  default StreamMasking streamMasking() {
    return StreamMasking.WHOLE_TEXT;
  }
}
