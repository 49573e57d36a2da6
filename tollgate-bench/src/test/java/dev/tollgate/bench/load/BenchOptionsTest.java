package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void defaults() {
    BenchOptions o = BenchOptions.parse(new String[0]);
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(15));
    assertThat(o.warmupMax()).isEqualTo(Duration.ofSeconds(90));
    assertThat(o.wrk()).isEqualTo(Wrk.DEFAULT);
    assertThat(o.rates()).containsExactly(500, 1000, 2000);
    assertThat(o.targets()).containsExactly("direct", "nginx", "tollgate", "portkey");
    assertThat(o.streams()).isEqualTo(1000);
  }

  @Test
  void quickShortensRunsUnlessGivenExplicitly() {
    assertThat(BenchOptions.parse(new String[] {"--quick"}).duration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(BenchOptions.parse(new String[] {"--duration", "7", "--quick"}).duration())
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(BenchOptions.parse(new String[] {"--quick"}).warmupMax()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void warmupCapIsNeverBelowTheMinimum() {
    BenchOptions o = BenchOptions.parse(new String[] {"--warmup", "20", "--warmup-max", "10", "--wrk", "/opt/wrk"});
    assertThat(o.warmupMax()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.wrk()).hasToString("/opt/wrk");
  }

  @Test
  void ratesAndTargets() {
    BenchOptions o = BenchOptions.parse(new String[] {"--rates", "100, 200", "--targets", "Tollgate,direct"});
    assertThat(o.rates()).isEqualTo(List.of(100, 200));
    assertThat(o.targets()).containsExactly("tollgate", "direct");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--targets", "envoy"}))
        .hasMessageContaining("unknown target");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rates", "0"})).hasMessageContaining("> 0");
    assertThat(BenchOptions.parse(new String[] {"--help"})).isNull();
  }
}
