package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.bench.load.Results.RateRun;
import dev.tollgate.bench.load.Results.StreamRun;
import dev.tollgate.bench.load.Results.TargetResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static LatencyStats lat(double p50, double p99) {
    return new LatencyStats(100, p50, p50, p99, p99, p99);
  }

  private static TargetResult target(String name, double p50, double p99, double max) {
    TargetResult t = new TargetResult(name);
    t.rates.put(1000, new RateRun(1000, 1000, 1000, 0, 999.6, lat(p50, p99), lat(0.1, 0.2)));
    t.maxThroughput = max;
    t.cpuSecondsPer1k = 0.1234;
    t.peakRssKb = 200 * 1024;
    t.idleRssKb = 150 * 1024;
    t.startToReadySeconds = 0.8;
    t.stream = new StreamRun(1000, 1000, 0, lat(5, 9), lat(20, 21), 53, 300 * 1024);
    return t;
  }

  private static List<TargetResult> results() {
    return List.of(target(ResultTable.DIRECT, 1.0, 2.0, 10_000), target(Checks.NGINX, 1.2, 2.5, 8_000),
        target(Checks.TOLLGATE, 1.4, 3.0, 6_000), TargetResult.unavailable("tollgate (full path)",
            "needs the control-plane issue"), target(Checks.PORTKEY, 4.0, 9.0, 1_000));
  }

  @Test
  void plainTableIsAlignedWithOverheadsAndNaRows() {
    String text = ResultTable.main(results(), List.of(1000)).plain();
    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).startsWith("target").contains("1000/s p99", "max req/s", "start-to-ready s");
    String tollgate = lines.stream().filter(l -> l.startsWith("tollgate (master key)")).findFirst().orElseThrow();
    assertThat(tollgate).contains("1000", "1.40", "+0.40", "+1.00", "6000", "0.123", "200", "150", "0.80");
    assertThat(text).contains("tollgate (full path)    n/a — needs the control-plane issue");
    // right-aligned columns: every full row ends at the same column
    int width = lines.get(0).length();
    lines.stream().filter(l -> !l.contains("n/a")).forEach(l -> assertThat(l.length()).isEqualTo(width));
  }

  @Test
  void markdownHasOneRowPerTarget() {
    String md = ResultTable.main(results(), List.of(1000)).markdown();
    assertThat(md.lines()).hasSize(2 + 5);
    assertThat(md).contains("| tollgate (full path) | n/a — needs the control-plane issue |");
    assertThat(md.lines().skip(1).findFirst().orElseThrow()).startsWith("|---|---:|");
  }

  @Test
  void streamingTableShowsOverheadOverDirect() {
    String text = ResultTable.streaming(results()).plain();
    assertThat(text).contains("ΔTTFB p99").contains("+0.00");
  }

  @Test
  void streamingTableShowsCpuPerEventOrADashWhenUnmeasured() {
    List<TargetResult> results = results();
    // 2.65 CPU-s (265 ticks at 100/s) for 1,000 streams of 53 events: 50 µs per event
    results.get(2).streamCpuMicrosPerEvent = Results.microsPerEvent(265, 100, results.get(2).stream);
    results.get(2).streamFakeMicrosPerEvent = Results.microsPerEvent(106, 100, results.get(2).stream);
    results.get(2).streamGeneratorMicrosPerEvent = Results.microsPerEvent(53, 100, results.get(2).stream);
    results.get(2).streamHostBusyPercent = 97.4;
    String md = ResultTable.streaming(results).markdown();
    assertThat(md.lines().findFirst().orElseThrow())
        .endsWith("| CPU µs/event | fake µs/event | generator µs/event | host busy % |");
    assertThat(md).containsPattern("\\| tollgate \\(master key\\) \\|.*\\| 50\\.0 \\| 20\\.0 \\| 10\\.0 \\| 97 \\|");
    assertThat(md).containsPattern("\\| nginx \\|.*\\| - \\| - \\| - \\| - \\|");
  }

  @Test
  void cpuPerEventIsNaNWithoutEvents() {
    assertThat(Results.microsPerEvent(100, 100, new StreamRun(1000, 0, 1000, lat(0, 0), lat(0, 0), 0, 0))).isNaN();
    assertThat(Results.microsPerEvent(53, 100, new StreamRun(10, 10, 0, lat(1, 2), lat(20, 21), 53, 0)))
        .isEqualTo(1000.0);
  }

  @Test
  void checksCompareWithNginxAndPortkey() {
    List<Checks.Check> checks = Checks.evaluate(results());
    // Tollgate overhead p50 0.40 vs nginx 0.20 x 1.5 = 0.30: missed; p99 1.00 vs 0.5 x 2 = 1.00: met
    assertThat(checks.get(0).status()).isEqualTo("MISSED");
    assertThat(checks.get(1).status()).isEqualTo("MET");
    assertThat(checks.get(2).status()).isEqualTo("MET"); // 6000 >= 3 x 1000
    assertThat(checks.get(3).status()).isEqualTo("MET"); // 6000 >= 0.6 x 8000
    assertThat(checks).filteredOn(c -> !c.name().startsWith("full path"))
        .extracting(Checks.Check::status).doesNotContain("n/a");
    // The full-path row of these results is unavailable, so its checks cannot be judged.
    assertThat(checks).filteredOn(c -> c.name().startsWith("full path"))
        .extracting(Checks.Check::status).containsOnly("n/a");
    String table = ResultTable.checks(checks).plain();
    assertThat(table).contains("start-to-ready < 2 s", "0.80 s", "MET");
  }

  @Test
  void negativeNginxOverheadIsFlooredAndBothRawNumbersShow() {
    // nginx faster than direct: overhead p50 -0.20, p99 -0.50; Tollgate +0.06 and +0.09
    List<TargetResult> r = List.of(target(ResultTable.DIRECT, 1.0, 2.0, 10_000), target(Checks.NGINX, 0.8, 1.5, 8_000),
        target(Checks.TOLLGATE, 1.06, 2.09, 6_000));
    List<Checks.Check> checks = Checks.evaluate(r);
    // p50: 0.06 <= 1.5 x max(-0.20, 0.05) = 0.075
    assertThat(checks.get(0)).isEqualTo(new Checks.Check("overhead p50 @1000/s ≤ 1.5× nginx's", "Tollgate +0.06 ms",
        "1.5 × max(nginx -0.20, 0.05) = 0.08 ms", "MET"));
    // p99: 0.09 <= 2 x 0.05 = 0.10
    assertThat(checks.get(1).status()).isEqualTo("MET");
    assertThat(checks.get(1).limit()).isEqualTo("2.0 × max(nginx -0.50, 0.05) = 0.10 ms");
    assertThat(Checks.overheadCheck("x", 0.11, -0.5, 2).status()).isEqualTo("MISSED");
    assertThat(Checks.overheadCheck("x", -0.3, -0.5, 2).status()).isEqualTo("MET");
    assertThat(Checks.overheadCheck("x", 0.3, Double.NaN, 2)).isEqualTo(new Checks.Check("x", "Tollgate +0.30 ms",
        "- (no nginx overhead)", "n/a"));
  }

  @Test
  void generatorLinePerTarget() {
    TargetResult wrk = target(Checks.NGINX, 1, 2, 10);
    wrk.maxGenerator = "wrk -t1 -c64";
    wrk.generatorCpuSeconds = 27;
    wrk.maxPhaseSeconds = 30;
    wrk.benchJvmCpuSeconds = 0.4;
    wrk.warmup = "15 s, stable at 16000 req/s";
    TargetResult java = target(Checks.TOLLGATE, 1, 2, 10);
    java.maxGenerator = "Java generator";
    java.generatorCpuSeconds = 45;
    java.maxPhaseSeconds = 30;
    List<TargetResult> all = List.of(wrk, java, TargetResult.unavailable(Checks.PORTKEY, "not installed"));
    assertThat(ResultTable.generatorLines(all)).containsExactly(
        "nginx: max-throughput generator wrk -t1 -c64, generator CPU 27.0 s in 30.0 s (90% of one core), bench JVM "
            + "0.4 s; warm-up 15 s, stable at 16000 req/s",
        "tollgate (master key): max-throughput generator Java generator, generator CPU 45.0 s in 30.0 s (150% of one "
            + "core)",
        "portkey gateway: n/a — not installed");
    assertThat(ResultTable.maxGenerators(all)).isEqualTo("wrk -t1 -c64 for nginx; Java generator for tollgate "
        + "(master key)");
    assertThat(ResultTable.maxGenerators(List.of(wrk))).isEqualTo("wrk -t1 -c64 (all targets)");
  }

  @Test
  void checksAreNaWhenATargetIsMissing() {
    List<Checks.Check> checks = Checks.evaluate(List.of(target(ResultTable.DIRECT, 1, 2, 10),
        TargetResult.unavailable(Checks.PORTKEY, "not installed")));
    assertThat(checks.get(2).status()).isEqualTo("n/a");
  }

  @Test
  void streamWarmupRoundsListTheMeasuredTargets() {
    List<TargetResult> results = results();
    assertThat(ResultTable.streamWarmupRounds(results)).isEqualTo("rounds: -");
    results.get(0).streamWarmupRounds = 2;
    results.get(2).streamWarmupRounds = 4;
    assertThat(ResultTable.streamWarmupRounds(results))
        .isEqualTo("rounds: direct (fake upstream) 2, tollgate (master key) 4");
  }
}
