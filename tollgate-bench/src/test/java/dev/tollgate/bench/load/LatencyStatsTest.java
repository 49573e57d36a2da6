package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  @Test
  void percentilesInMillisecondsFromNanos() {
    Histogram h = LatencyStats.newHistogram();
    for (int i = 1; i <= 1000; i++) {
      LatencyStats.recordNanos(h, i * 1_000_000L); // 1..1000 ms
    }
    LatencyStats s = LatencyStats.of(h);
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p50()).isCloseTo(500, within(1.0));
    assertThat(s.p90()).isCloseTo(900, within(1.0));
    assertThat(s.p99()).isCloseTo(990, within(1.0));
    assertThat(s.p999()).isCloseTo(999, within(1.0));
    assertThat(s.max()).isCloseTo(1000, within(1.0));
  }

  @Test
  void emptyHistogramGivesNaN() {
    assertThat(LatencyStats.of(LatencyStats.newHistogram()).p99()).isNaN();
  }

  @Test
  void negativeAndHugeValuesAreClamped() {
    Histogram h = LatencyStats.newHistogram();
    LatencyStats.recordNanos(h, -5);
    LatencyStats.recordNanos(h, Long.MAX_VALUE);
    assertThat(h.getTotalCount()).isEqualTo(2);
    assertThat(h.getMinValue()).isZero();
  }

  @Test
  void overheadIsTargetMinusDirect() {
    assertThat(LatencyStats.overhead(1.75, 1.25)).isEqualTo(0.5);
    assertThat(LatencyStats.overhead(1.0, 1.25)).isEqualTo(-0.25);
    assertThat(LatencyStats.overhead(Double.NaN, 1)).isNaN();
  }
}
