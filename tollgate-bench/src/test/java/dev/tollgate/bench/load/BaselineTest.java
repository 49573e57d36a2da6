package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.bench.load.Results.RateRun;
import dev.tollgate.bench.load.Results.StreamRun;
import dev.tollgate.bench.load.Results.TargetResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
  private static LatencyStats lat(double p50, double p99) {
    return new LatencyStats(100, p50, p50, p99, p99, p99);
  }

  private static TargetResult direct(String name, double p50, double p99, double ttfb99, double gap99) {
    TargetResult t = new TargetResult(name);
    t.rates.put(1000, new RateRun(1000, 1000, 1000, 0, 1000, lat(p50, p99), lat(0.1, 0.2)));
    t.stream = new StreamRun(1000, 1000, 0, lat(ttfb99 / 2, ttfb99), lat(20, gap99), 53, 300 * 1024);
    return t;
  }

  @Test
  void perPercentileTheLowerOfTheTwoRuns() {
    TargetResult first = direct(ResultTable.DIRECT, 1.15, 3.87, 3625, 607);
    TargetResult again = direct(ResultTable.DIRECT_END, 0.80, 4.20, 1200, 650);
    TargetResult base = Baseline.of(List.of(first, new TargetResult(Checks.NGINX), again));
    assertThat(base.rates.get(1000).latency().p50()).isEqualTo(0.80); // run 2
    assertThat(base.rates.get(1000).latency().p99()).isEqualTo(3.87); // run 1
    assertThat(base.stream.ttfb().p99()).isEqualTo(1200); // run 2
    assertThat(base.stream.chunkGap().p99()).isEqualTo(607); // run 1
    assertThat(String.join("\n", Baseline.describe(List.of(first, again))))
        .contains("1000/s p50 run 2 (1.15 vs 0.80 ms)", "1000/s p99 run 1 (3.87 vs 4.20 ms)",
            "streaming TTFB p99 run 2", "streaming gap p99 run 1");
  }

  @Test
  void notMeasuredLosesToMeasured() {
    LatencyStats b = Baseline.better(LatencyStats.EMPTY, lat(1, 2));
    assertThat(b.p50()).isEqualTo(1);
    assertThat(b.p99()).isEqualTo(2);
    assertThat(Baseline.better(LatencyStats.EMPTY, LatencyStats.EMPTY).p50()).isNaN();
  }

  @Test
  void aSingleDirectRunIsTheBaseline() {
    TargetResult first = direct(ResultTable.DIRECT, 1, 2, 3, 4);
    assertThat(Baseline.of(List.of(first))).isSameAs(first);
    assertThat(Baseline.of(List.of(new TargetResult(Checks.NGINX)))).isNull();
    assertThat(Baseline.describe(List.of(first))).containsExactly("baseline: the only direct run ("
        + ResultTable.DIRECT + ")");
  }

  @Test
  void overheadsInTheTablesAreAgainstTheCombinedBaseline() {
    TargetResult first = direct(ResultTable.DIRECT, 1.15, 3.87, 3625, 607);
    TargetResult again = direct(ResultTable.DIRECT_END, 0.80, 4.20, 1200, 650);
    TargetResult tollgate = direct(Checks.TOLLGATE, 1.00, 4.00, 1210, 610);
    List<TargetResult> all = List.of(first, again, tollgate);
    String main = ResultTable.main(all, List.of(1000)).plain();
    String row = main.lines().filter(l -> l.startsWith(Checks.TOLLGATE)).findFirst().orElseThrow();
    assertThat(row).contains("+0.20", "+0.13"); // 1.00 - 0.80, 4.00 - 3.87
    assertThat(main.lines().filter(l -> l.startsWith("direct")).toList()).hasSize(2)
        .allSatisfy(l -> assertThat(l).doesNotContain("+"));
    String streaming = ResultTable.streaming(all).plain();
    assertThat(streaming).contains("+10.00", "+3.00"); // 1210 - 1200, 610 - 607
  }
}
