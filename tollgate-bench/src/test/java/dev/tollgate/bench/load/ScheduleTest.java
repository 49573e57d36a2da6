package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void totalIsRateTimesDuration() {
    assertThat(Schedule.of(1000, 30_000_000_000L).totalRequests()).isEqualTo(30_000);
    assertThat(Schedule.of(500, 5_000_000_000L).totalRequests()).isEqualTo(2_500);
  }

  @Test
  void requestIIsDueAtIOverRate() {
    Schedule s = Schedule.of(2000, 1_000_000_000L);
    assertThat(s.offsetNanos(0)).isZero();
    assertThat(s.offsetNanos(1)).isEqualTo(500_000);
    assertThat(s.offsetNanos(1999)).isEqualTo(999_500_000);
  }

  @Test
  void dueByCountsRequestsWhoseTimeHasCome() {
    Schedule s = Schedule.of(1000, 1_000_000_000L);
    assertThat(s.dueBy(-1)).isZero();
    assertThat(s.dueBy(0)).isEqualTo(1);
    assertThat(s.dueBy(999_999)).isEqualTo(1);
    assertThat(s.dueBy(1_000_000)).isEqualTo(2);
    assertThat(s.dueBy(10_500_000)).isEqualTo(11);
    assertThat(s.dueBy(5_000_000_000L)).isEqualTo(1000); // capped at the total
  }

  @Test
  void dueByAgreesWithOffsetsForAnOddRate() {
    Schedule s = Schedule.of(333, 3_000_000_000L);
    for (long i = 0; i < s.totalRequests(); i++) {
      long t = s.offsetNanos(i);
      assertThat(s.dueBy(t)).as("at the due time of %d", i).isEqualTo(i + 1);
      if (t > 0) {
        assertThat(s.dueBy(t - 1)).as("just before %d", i).isEqualTo(i);
      }
    }
  }

  @Test
  void rejectsBadRates() {
    assertThatThrownBy(() -> new Schedule(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
