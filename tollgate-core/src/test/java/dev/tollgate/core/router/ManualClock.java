package dev.tollgate.core.router;

import java.util.function.LongSupplier;

/** Epoch millis that move only when a test says so. */
final class ManualClock implements LongSupplier {
  private long now;

  ManualClock(long start) {
    this.now = start;
  }

  @Override
  public synchronized long getAsLong() {
    return now;
  }

  synchronized void advance(long millis) {
    now += millis;
  }
}
