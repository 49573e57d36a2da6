package dev.tollgate.gateway.guardrails;

import java.util.Set;

/**
 * Masks one streamed text as it grows, for a guardrail whose masks are {@link StreamMasking.Windowed}: it holds back
 * the last {@code window} characters (a masked entity may still be growing there, or be decided by what comes next)
 * and hands out the text before them masked, once that text can no longer change. The concatenation of everything
 * {@link #push} and {@link #finish} return is the text the guardrail would make of the whole text at once.
 *
 * <p>One per text (a choice, a content block), confined to its request's event loop.
 */
public interface TextMask {
  /** Adds the next piece of the text; returns the masked text that can no longer change (often empty). */
  String push(String piece);

  /** The text is complete: returns the rest of it, masked. */
  String finish();

  /**
   * Not null once the guardrail found something it blocks on: the stream must be cut ({@link #push} and
   * {@link #finish} then return nothing more).
   */
  Verdict.Blocked blocked();

  /** The entity types masked so far, in the order first masked. */
  Set<String> masked();
}
