package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupRuleTest {
  @Test
  void needsTwoFullWindows() {
    assertThat(WarmupRule.stable(List.of(100L, 100L, 100L, 100L, 100L))).isFalse();
    assertThat(WarmupRule.lastTwoWindows(List.of(1L, 2L))[0]).isNaN();
    assertThat(WarmupRule.stable(List.of(100L, 100L, 100L, 100L, 100L, 100L))).isTrue();
  }

  @Test
  void lastThreeSecondsWithinTenPercentOfTheThreeBefore() {
    // before: 300+300+300 = 900; last: 330+330+330 = 990 = +10%: stable
    assertThat(WarmupRule.stable(List.of(50L, 300L, 300L, 300L, 330L, 330L, 330L))).isTrue();
    // last 991 vs 900: just over 10%
    assertThat(WarmupRule.stable(List.of(300L, 300L, 300L, 330L, 330L, 331L))).isFalse();
    // falling by 10% is stable too, by more is not
    assertThat(WarmupRule.stable(List.of(1000L, 1000L, 1000L, 900L, 900L, 900L))).isTrue();
    assertThat(WarmupRule.stable(List.of(1000L, 1000L, 1000L, 900L, 900L, 899L))).isFalse();
    // only the last six seconds count
    assertThat(WarmupRule.stable(List.of(1L, 5L, 5000L, 5000L, 5000L, 5100L, 5100L, 5100L))).isTrue();
    // nothing got through: not stable
    assertThat(WarmupRule.stable(List.of(0L, 0L, 0L, 0L, 0L, 0L))).isFalse();
    double[] w = WarmupRule.lastTwoWindows(List.of(300L, 300L, 300L, 330L, 330L, 330L));
    assertThat(w).containsExactly(330.0, 300.0);
  }

  @Test
  void stopsAfterTheMinimumWhenStableAndAtTheCapAnyway() {
    List<Long> flat = List.of(500L, 500L, 500L, 500L, 500L, 500L, 500L, 500L);
    // stable, but the minimum (15 s) is not reached
    assertThat(WarmupRule.decide(flat, 15, 45).stop()).isFalse();
    // minimum reached and stable
    assertThat(WarmupRule.decide(flat, 8, 45)).isEqualTo(new WarmupRule.Decision(true, true));
    // JIT still climbing: go on
    List<Long> climbing = List.of(100L, 150L, 200L, 300L, 400L, 500L, 700L, 900L);
    assertThat(WarmupRule.decide(climbing, 8, 45)).isEqualTo(new WarmupRule.Decision(false, false));
    // at the cap: stop although not stable
    assertThat(WarmupRule.decide(climbing, 2, 8)).isEqualTo(new WarmupRule.Decision(true, false));
  }

  @Test
  void aJvmWarmsUpUntilItsJitCompilerIsQuietToo() {
    List<Long> flat = List.of(500L, 500L, 500L, 500L, 500L, 500L, 500L, 500L);
    // C2 used 0.6 CPU-s in the last 3 s (20% of a core): throughput is flat but the JIT is busy, go on
    List<Long> busy = List.of(0L, 50L, 100L, 150L, 200L, 260L, 320L, 380L);
    assertThat(WarmupRule.jitQuiet(busy, 100)).isFalse();
    assertThat(WarmupRule.decide(flat, busy, 100, 8, 45)).isEqualTo(new WarmupRule.Decision(false, false));
    // 0.15 CPU-s in 3 s (5% of a core): quiet, stop
    List<Long> quiet = List.of(0L, 50L, 100L, 150L, 300L, 305L, 310L, 315L);
    assertThat(WarmupRule.jitQuiet(quiet, 100)).isTrue();
    assertThat(WarmupRule.decide(flat, quiet, 100, 8, 45)).isEqualTo(new WarmupRule.Decision(true, true));
    // too few samples to tell: not quiet; no JIT (nginx, node): quiet
    assertThat(WarmupRule.jitQuiet(List.of(0L, 1L, 2L), 100)).isFalse();
    assertThat(WarmupRule.jitQuiet(List.of(), 100)).isTrue();
    assertThat(WarmupRule.jitTicksInLastWindow(quiet)).isEqualTo(15);
    assertThat(WarmupRule.jitTicksInLastWindow(List.of(0L, 1L, 2L))).isEqualTo(-1);
    // at the cap: stop, not settled
    assertThat(WarmupRule.decide(flat, busy, 100, 2, 8)).isEqualTo(new WarmupRule.Decision(true, false));
  }

  @Test
  void streamingWarmupRunsAtLeastTwoRoundsThenUntilTheJitWasQuietThroughARound() {
    // a 1.5 s round at 100 ticks/s: quiet means at most 5% of a core, 7.5 ticks
    assertThat(WarmupRule.streamWarmupDone(1, 0, 1.5, 100)).isFalse();
    assertThat(WarmupRule.streamWarmupDone(2, 7, 1.5, 100)).isTrue();
    assertThat(WarmupRule.streamWarmupDone(2, 8, 1.5, 100)).isFalse();
    assertThat(WarmupRule.streamWarmupDone(5, 80, 1.5, 100)).isFalse();
    assertThat(WarmupRule.streamWarmupDone(WarmupRule.STREAM_ROUNDS_MAX, 80, 1.5, 100)).isTrue();
  }
}
