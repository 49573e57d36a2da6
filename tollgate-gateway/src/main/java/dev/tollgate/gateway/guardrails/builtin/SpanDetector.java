package dev.tollgate.gateway.guardrails.builtin;

import java.util.List;

/** Finds entities in one text, adding their spans to {@code out} in any order (overlaps are resolved by the caller). */
@FunctionalInterface
public interface SpanDetector {
  void find(String text, List<Span> out);
}
