package dev.tollgate.gateway.guardrails;

import java.util.function.Supplier;

/**
 * How a guardrail's masks can be applied to a streamed answer, which reaches the client piece by piece and cannot be
 * taken back once sent ({@link GuardedStreamRelay} picks the way per request):
 *
 * <ul>
 *   <li>{@link Never}: the guardrail never masks (it only blocks), so the stream flows and is checked for blocks;
 *   <li>{@link Windowed}: everything the guardrail masks is shorter than {@code window} characters and is decided by
 *       the {@code window} characters around it alone, so the gateway holds back that many characters of each text
 *       and sends the rest masked as it flows ({@link TextMask});
 *   <li>{@link WholeText}: what the guardrail masks has no bounded length, or cannot be known (a remote service, a
 *       custom check), so the whole answer is held and checked once, at its end, like a whole reply.
 * </ul>
 */
public sealed interface StreamMasking {
  StreamMasking NEVER = new Never();
  StreamMasking WHOLE_TEXT = new WholeText();

  /** Never masks: block-only. */
  record Never() implements StreamMasking {}

  /** Masks things of unbounded (or unknown) length: a stream is checked whole, at its end. */
  record WholeText() implements StreamMasking {}

  /**
   * Masks things shorter than {@code window} characters, each decided by the {@code window} characters on either side
   * of it.
   *
   * @param masks opens the mask for one streamed text
   */
  record Windowed(int window, Supplier<TextMask> masks) implements StreamMasking {
    public Windowed {
      if (window <= 0) {
        throw new IllegalArgumentException("a mask window is at least one character: " + window);
      }
    }
  }
}
