package dev.tollgate.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/** Live counts of streamed responses, shared by every exchange of one {@link FakeUpstream}. */
final class StreamCounters {
  final AtomicInteger active = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  final AtomicInteger cancelled = new AtomicInteger();
  final AtomicInteger broken = new AtomicInteger();

  /** Zeroes the totals; {@code active} is live state and stays. */
  void resetTotals() {
    completed.set(0);
    cancelled.set(0);
    broken.set(0);
  }
}
