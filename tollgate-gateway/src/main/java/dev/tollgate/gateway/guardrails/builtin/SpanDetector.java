package dev.tollgate.gateway.guardrails.builtin;

import java.util.List;
import java.util.Set;

/** Finds entities in one text, adding their spans to {@code out} in any order (overlaps are resolved by the caller). */
@FunctionalInterface
public interface SpanDetector {
  /** {@link #reach()} of a detector whose findings have no bounded length. */
  int UNBOUNDED = Integer.MAX_VALUE;

  void find(String text, List<Span> out);

  /** The entity types this detector may report, or null when it cannot tell. */
  default Set<String> entities() {
    return null;
  }

  /**
   * A bound {@code R} such that every span is shorter than {@code R} characters and whether a character belongs to a
   * span (and to which) is decided by the {@code R} characters on either side of it: finding in any piece of a text
   * that holds those gives the same spans there. A stream can then be masked by holding back {@code R} characters;
   * {@link #UNBOUNDED} (the default) when there is no such bound.
   */
  default int reach() {
    return UNBOUNDED;
  }
}
