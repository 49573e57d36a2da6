package dev.tollgate.gateway.http;

import dev.tollgate.gateway.cache.CachePlan;
import dev.tollgate.gateway.cache.ResponseCache;
import java.util.function.UnaryOperator;

/**
 * Stores a routed call's whole answer in the response cache <b>as the upstream sent it</b>, before the request's
 * post-call guardrails masked it, and only once those guardrails let it through (a blocked answer is not stored).
 * Every hit then runs the hitting request's own guardrails on it ({@link GuardedHits}), so an entry is the same
 * whichever key's call stored it. Streams are stored the same way: the frames an assembly reads are the upstream's,
 * before post-call masks rewrote them ({@link StreamRelay} taps the upstream's frames of a rewritten stream), and a
 * stream a guardrail cut stores nothing.
 */
final class CacheWrites {
  private CacheWrites() {}

  /**
   * {@code answer} behind {@code guard} (the request's during- and post-call guardrails), with the upstream body
   * stored when {@code guard} hands an answer on.
   */
  static RoutedCalls.Answer around(ResponseCache cache, CachePlan plan, UnaryOperator<RoutedCalls.Answer> guard,
      RoutedCalls.Answer answer) {
    if (plan == null || !plan.store()) {
      return guard.apply(answer);
    }
    byte[][] upstream = new byte[1][];
    RoutedCalls.Answer guarded = guard.apply((outcome, lease) -> {
      if (outcome instanceof AttemptOutcome.Body && upstream[0] != null) {
        CachedAnswers.store(cache, plan, upstream[0]);
      }
      answer.answer(outcome, lease);
    });
    return (outcome, lease) -> {
      upstream[0] = outcome instanceof AttemptOutcome.Body b ? b.bytes() : null;
      guarded.answer(outcome, lease);
    };
  }
}
