package dev.tollgate.redis.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a value until it matches or a deadline passes (the background refresh runs about every second). */
final class Eventually {
  private Eventually() {}

  static <T> void equals(Duration within, Supplier<T> value, T expected) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    T last = value.get();
    while (!expected.equals(last) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      last = value.get();
    }
    assertThat(last).isEqualTo(expected);
  }
}
