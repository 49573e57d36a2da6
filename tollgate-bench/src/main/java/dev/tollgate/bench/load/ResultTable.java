package dev.tollgate.bench.load;

import dev.tollgate.bench.load.Results.RateRun;
import dev.tollgate.bench.load.Results.StreamRun;
import dev.tollgate.bench.load.Results.TargetResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the result tables (throughput/latency, streaming, target checks) from the measured results. */
public final class ResultTable {
  private ResultTable() {}

  /** The row name of the baseline. */
  public static final String DIRECT = "direct (fake upstream)";
  /** The row name of the second direct run, at the end of the benchmark. */
  public static final String DIRECT_END = "direct, again at the end";

  static boolean isDirect(TargetResult t) {
    return t.name.equals(DIRECT) || t.name.equals(DIRECT_END);
  }

  /** One row per target, a group of columns per rate, then max throughput, CPU, memory, start-up. */
  public static TextTable main(List<TargetResult> targets, List<Integer> rates) {
    List<String> header = new ArrayList<>();
    header.add("target");
    for (int r : rates) {
      String p = r + "/s ";
      header.addAll(List.of(p + "req/s", p + "p50", p + "p99", p + "p99.9", p + "err", p + "Δp50", p + "Δp99"));
    }
    header.addAll(List.of("max req/s", "CPU-s/1k req", "peak RSS MB", "idle RSS MB", "start-to-ready s"));
    TextTable table = new TextTable(header);
    TargetResult direct = Baseline.of(targets);
    for (TargetResult t : targets) {
      List<String> row = new ArrayList<>();
      row.add(t.name);
      if (t.unavailable != null) {
        row.add("n/a — " + t.unavailable);
        table.row(row);
        continue;
      }
      for (int r : rates) {
        RateRun run = t.rates.get(r);
        RateRun base = direct == null ? null : direct.rates.get(r);
        if (run == null) {
          row.addAll(List.of("-", "-", "-", "-", "-", "-", "-"));
          continue;
        }
        row.add(num(run.achievedPerSecond(), 0));
        row.add(num(run.latency().p50(), 2));
        row.add(num(run.latency().p99(), 2));
        row.add(num(run.latency().p999(), 2));
        row.add(Long.toString(run.errors()));
        if (isDirect(t) || base == null) {
          row.add("-");
          row.add("-");
        } else {
          row.add(signed(LatencyStats.overhead(run.latency().p50(), base.latency().p50())));
          row.add(signed(LatencyStats.overhead(run.latency().p99(), base.latency().p99())));
        }
      }
      row.add(num(t.maxThroughput, 0));
      row.add(num(t.cpuSecondsPer1k, 3));
      row.add(mb(t.peakRssKb));
      row.add(mb(t.idleRssKb));
      row.add(num(t.startToReadySeconds, 2));
      table.row(row);
    }
    return table;
  }

  /** One row per target: the 1,000-stream run. */
  public static TextTable streaming(List<TargetResult> targets) {
    TextTable table = new TextTable(List.of("target", "streams", "completed", "errors", "events/stream",
        "TTFB p50 ms", "TTFB p99 ms", "ΔTTFB p99", "gap p50 ms", "gap p99 ms", "Δgap p99", "peak RSS MB",
        "CPU µs/event", "fake µs/event", "generator µs/event", "host busy %"));
    TargetResult direct = Baseline.of(targets);
    StreamRun base = direct == null ? null : direct.stream;
    for (TargetResult t : targets) {
      List<String> row = new ArrayList<>();
      row.add(t.name);
      if (t.unavailable != null || t.stream == null) {
        row.add("n/a — " + (t.unavailable != null ? t.unavailable
            : t.streamUnavailable != null ? t.streamUnavailable : "not run"));
        table.row(row);
        continue;
      }
      StreamRun s = t.stream;
      boolean isBase = isDirect(t);
      row.add(Integer.toString(s.streams()));
      row.add(Long.toString(s.completed()));
      row.add(Long.toString(s.errors()));
      row.add(num(s.meanEventsPerStream(), 1));
      row.add(num(s.ttfb().p50(), 2));
      row.add(num(s.ttfb().p99(), 2));
      row.add(isBase || base == null ? "-" : signed(s.ttfb().p99() - base.ttfb().p99()));
      row.add(num(s.chunkGap().p50(), 2));
      row.add(num(s.chunkGap().p99(), 2));
      row.add(isBase || base == null ? "-" : signed(s.chunkGap().p99() - base.chunkGap().p99()));
      row.add(mb(s.peakRssKb()));
      row.add(num(t.streamCpuMicrosPerEvent, 1));
      row.add(num(t.streamFakeMicrosPerEvent, 1));
      row.add(num(t.streamGeneratorMicrosPerEvent, 1));
      row.add(num(t.streamHostBusyPercent, 0));
      table.row(row);
    }
    return table;
  }

  /** E.g. {@code rounds: direct 2, nginx 2, tollgate (master key) 3}: the targets whose streaming run was measured. */
  public static String streamWarmupRounds(List<TargetResult> targets) {
    List<String> parts = new ArrayList<>();
    for (TargetResult t : targets) {
      if (t.stream != null && t.streamWarmupRounds > 0) {
        parts.add(t.name + " " + t.streamWarmupRounds);
      }
    }
    return "rounds: " + (parts.isEmpty() ? "-" : String.join(", ", parts));
  }

  /** The checks as a table: check, measured, limit, MET/MISSED/n/a. */
  public static TextTable checks(List<Checks.Check> checks) {
    TextTable table = new TextTable(List.of("target check", "measured", "limit", "result"));
    for (Checks.Check c : checks) {
      table.row(List.of(c.name(), c.measured(), c.limit(), c.status()));
    }
    return table;
  }

  /** The max-throughput generator(s) of the measured targets, e.g. {@code wrk -t1 -c64 (all targets)}. */
  public static String maxGenerators(List<TargetResult> targets) {
    java.util.Map<String, List<String>> by = new java.util.LinkedHashMap<>();
    for (TargetResult t : targets) {
      if (t.unavailable == null && t.maxGenerator != null) {
        by.computeIfAbsent(t.maxGenerator, k -> new ArrayList<>()).add(t.name);
      }
    }
    if (by.isEmpty()) {
      return "-";
    }
    if (by.size() == 1) {
      return by.keySet().iterator().next() + " (all targets)";
    }
    List<String> parts = new ArrayList<>();
    by.forEach((g, names) -> parts.add(g + " for " + String.join(", ", names)));
    return String.join("; ", parts);
  }

  /** One line per target: the warm-up reached, the max-throughput generator and the CPU it took in that phase. */
  public static List<String> generatorLines(List<TargetResult> targets) {
    List<String> out = new ArrayList<>();
    for (TargetResult t : targets) {
      if (t.unavailable != null) {
        out.add(t.name + ": n/a — " + t.unavailable);
        continue;
      }
      StringBuilder sb = new StringBuilder(t.name).append(": ");
      if (t.maxGenerator == null) {
        sb.append("no max-throughput phase");
      } else {
        sb.append("max-throughput generator ").append(t.maxGenerator).append(", generator CPU ");
        if (Double.isNaN(t.generatorCpuSeconds)) {
          sb.append("unknown");
        } else {
          sb.append(num(t.generatorCpuSeconds, 1)).append(" s in ").append(num(t.maxPhaseSeconds, 1))
              .append(" s (").append(num(100 * t.generatorCpuSeconds / t.maxPhaseSeconds, 0))
              .append("% of one core)");
        }
        if (!Double.isNaN(t.benchJvmCpuSeconds)) {
          sb.append(", bench JVM ").append(num(t.benchJvmCpuSeconds, 1)).append(" s");
        }
      }
      if (t.warmup != null) {
        sb.append("; warm-up ").append(t.warmup);
      }
      out.add(sb.toString());
    }
    return out;
  }

  static TargetResult find(List<TargetResult> targets, String name) {
    for (TargetResult t : targets) {
      if (t.name.equals(name) && t.unavailable == null) {
        return t;
      }
    }
    return null;
  }

  static String num(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String signed(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%+.2f", v);
  }

  static String mb(long kb) {
    return kb < 0 ? "-" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
  }
}
