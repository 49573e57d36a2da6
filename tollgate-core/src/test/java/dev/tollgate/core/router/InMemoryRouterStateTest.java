package dev.tollgate.core.router;

import static dev.tollgate.core.router.RouterFixtures.MINUTE_START;
import static dev.tollgate.core.router.RouterFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryRouterStateTest {
  private final RouterFixtures.Clock clock = new RouterFixtures.Clock(T0);
  private final InMemoryRouterState state = new InMemoryRouterState(clock);

  @Test
  void rpmAdmitsUpToTheLimitPerUtcMinute() {
    for (int i = 0; i < 3; i++) {
      assertThat(state.acquire("a", 3, -1)).isTrue();
    }
    assertThat(state.acquire("a", 3, -1)).isFalse();
    assertThat(state.usage("a")).isEqualTo(new RouterState.MinuteUsage(3, 0));

    clock.set(MINUTE_START + 59_999); // still the same minute
    assertThat(state.acquire("a", 3, -1)).isFalse();
    clock.set(MINUTE_START + 60_000);
    assertThat(state.usage("a")).isEqualTo(RouterState.MinuteUsage.NONE);
    assertThat(state.acquire("a", 3, -1)).isTrue();
  }

  @Test
  void tryAcquireCompletesAtOnceWithTheSameAnswer() {
    assertThat(state.tryAcquire("a", 1, -1).toCompletableFuture()).isCompletedWithValue(true);
    assertThat(state.tryAcquire("a", 1, -1).toCompletableFuture()).isCompletedWithValue(false);
  }

  @Test
  void unlimitedAcquiresAreCountedButNeverRefused() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(state.acquire("a", -1, -1)).isTrue();
    }
    assertThat(state.usage("a").requests()).isEqualTo(1_000);
  }

  @Test
  void tpmRefusesOnceTheMinutesTokensReachTheLimit() {
    assertThat(state.acquire("a", -1, 100)).isTrue();
    state.addTokens("a", 99);
    assertThat(state.acquire("a", -1, 100)).isTrue();
    state.addTokens("a", 1);
    assertThat(state.acquire("a", -1, 100)).isFalse();
    assertThat(state.usage("a")).isEqualTo(new RouterState.MinuteUsage(2, 100));

    clock.advance(60_000);
    assertThat(state.acquire("a", -1, 100)).isTrue();
    assertThat(state.usage("a")).isEqualTo(new RouterState.MinuteUsage(1, 0));
  }

  @Test
  void nonPositiveTokenCountsAreIgnored() {
    state.addTokens("a", 0);
    state.addTokens("a", -5);
    assertThat(state.usage("a")).isEqualTo(RouterState.MinuteUsage.NONE);
  }

  @Test
  void usageOfAnotherMinuteIsNone() {
    state.addTokens("a", 10);
    assertThat(state.usage("a", T0).tokens()).isEqualTo(10);
    assertThat(state.usage("a", MINUTE_START + 60_000)).isEqualTo(RouterState.MinuteUsage.NONE);
    assertThat(state.usage("unknown")).isEqualTo(RouterState.MinuteUsage.NONE);
  }

  @Test
  void applyUsageReplacesTheCurrentMinutesCounts() {
    state.addTokens("a", 10);
    state.applyUsage("a", T0 / 60_000, 7, 70);
    assertThat(state.usage("a")).isEqualTo(new RouterState.MinuteUsage(7, 70));
    state.applyUsage("a", T0 / 60_000 - 1, 1, 1); // an older minute changes nothing
    assertThat(state.usage("a")).isEqualTo(new RouterState.MinuteUsage(7, 70));
  }

  @Test
  void failuresAreCountedPerKindWithinAWindowThatStartsAtTheFirstFailure() {
    assertThat(state.countFailure("a", "RateLimitError", 60_000)).isEqualTo(1);
    clock.advance(30_000);
    assertThat(state.countFailure("a", "RateLimitError", 60_000)).isEqualTo(2);
    assertThat(state.countFailure("a", "*", 60_000)).isEqualTo(1);
    assertThat(state.countFailure("b", "RateLimitError", 60_000)).isEqualTo(1);

    clock.advance(30_000); // 60 s after the first failure: a new window
    assertThat(state.countFailure("a", "RateLimitError", 60_000)).isEqualTo(1);
    assertThat(state.recordFailure("a", "RateLimitError", 60_000).toCompletableFuture()).isCompletedWithValue(2L);
  }

  @Test
  void inFlightCountsStartedCallsAndNeverGoesBelowZero() {
    assertThat(state.inFlight("a")).isZero();
    state.callStarted("a");
    state.callStarted("a");
    state.callEnded("a");
    assertThat(state.inFlight("a")).isEqualTo(1);
    state.callEnded("a");
    state.callEnded("a");
    assertThat(state.inFlight("a")).isZero();
  }

  @Test
  void cooldownsKeepTheLatestEndAndApplyCooldownMayShortenIt() {
    assertThat(state.cooldownUntil("a")).isZero();
    assertThat(state.latestCooldownEnd()).isZero();
    state.startCooldown("a", T0 + 5_000, "500");
    state.startCooldown("a", T0 + 2_000, "500");
    assertThat(state.cooldownUntil("a")).isEqualTo(T0 + 5_000);
    state.applyCooldown("a", T0 + 1_000);
    assertThat(state.cooldownUntil("a")).isEqualTo(T0 + 1_000);
    state.startCooldown("b", T0 + 9_000, "429");
    assertThat(state.latestCooldownEnd()).isEqualTo(T0 + 9_000);
  }

  @Test
  void latencyAveragesTheLastTenSamplesOfEachKind() {
    assertThat(state.latency("a")).isEqualTo(RouterState.LatencyStats.NONE);
    for (int i = 1; i <= 4; i++) {
      state.recordLatency("a", i, false); // 1..4
    }
    RouterState.LatencyStats s = state.latency("a");
    assertThat(s.perToken()).isCloseTo(2.5, within(1e-9));
    assertThat(s.timeToFirstToken()).isNaN();
    assertThat(s.samples()).isEqualTo(4);

    for (int i = 5; i <= 15; i++) {
      state.recordLatency("a", i, false); // the ring now holds 6..15
    }
    state.recordLatency("a", 300, true);
    s = state.latency("a");
    assertThat(s.perToken()).isCloseTo(10.5, within(1e-9));
    assertThat(s.timeToFirstToken()).isCloseTo(300, within(1e-9));
    assertThat(s.samples()).isEqualTo(RouterState.LatencyStats.WINDOW + 1);
  }

  @Test
  void invalidLatencySamplesAreIgnored() {
    state.recordLatency("a", -1, false);
    state.recordLatency("a", Double.NaN, false);
    state.recordLatency("a", Double.POSITIVE_INFINITY, true);
    state.recordLatency("a", 4, false);
    assertThat(state.latency("a").perToken()).isEqualTo(4.0);
    assertThat(state.latency("a").samples()).isEqualTo(1);
  }

  @Test
  void concurrentAcquiresNeverAdmitMoreThanTheRpm() throws Exception {
    int threads = 4;
    AtomicInteger admitted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < 500; i++) {
          if (state.acquire("a", 100, -1)) {
            admitted.incrementAndGet();
          }
        }
      });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertThat(admitted.get()).isEqualTo(100);
  }

  @Test
  void failuresAreNotedPerWindowAndTheLastOneIsKept() {
    assertThat(state.recentFailures("a")).isEqualTo(RouterState.RecentFailures.NONE);
    state.failureSeen("a", "500 InternalServerError");
    clock.advance(1_000);
    state.failureSeen("a", "429 RateLimitError");
    assertThat(state.recentFailures("a"))
        .isEqualTo(new RouterState.RecentFailures(2, T0 + 1_000, "429 RateLimitError"));

    clock.advance(59_000); // the window that began with the first failure has ended
    assertThat(state.recentFailures("a"))
        .isEqualTo(new RouterState.RecentFailures(0, T0 + 1_000, "429 RateLimitError"));
    state.failureSeen("a", "500 InternalServerError");
    assertThat(state.recentFailures("a").count()).isEqualTo(1);
    assertThat(state.recentFailures("b")).isEqualTo(RouterState.RecentFailures.NONE);
  }

  @Test
  void theCooldownReasonLastsAsLongAsTheCooldown() {
    state.startCooldown("a", T0 + 5_000, "500 InternalServerError");
    state.startCooldown("a", T0 + 2_000, "429 RateLimitError"); // shorter: neither the end nor the reason change
    assertThat(state.cooldownReason("a")).isEqualTo("500 InternalServerError");

    clock.set(T0 + 5_000);
    assertThat(state.cooldownReason("a")).isNull();
    state.applyCooldown("a", T0 + 9_000); // another instance's cooldown: no reason known here
    assertThat(state.cooldownReason("a")).isNull();
    assertThat(state.cooldownReason("unknown")).isNull();
  }
}
