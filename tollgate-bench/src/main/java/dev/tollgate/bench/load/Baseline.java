package dev.tollgate.bench.load;

import dev.tollgate.bench.load.Results.RateRun;
import dev.tollgate.bench.load.Results.StreamRun;
import dev.tollgate.bench.load.Results.TargetResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The baseline the overheads are computed against: the direct runs (first, when everything is coldest, and again at
 * the end), combined per percentile as the better (lower) of the two. A single direct run is its own baseline.
 */
public final class Baseline {
  private Baseline() {}

  /** The combined baseline of the direct runs among the targets, or null when direct was not measured. */
  public static TargetResult of(List<TargetResult> targets) {
    TargetResult first = ResultTable.find(targets, ResultTable.DIRECT);
    TargetResult second = ResultTable.find(targets, ResultTable.DIRECT_END);
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    return combine(first, second);
  }

  /** Per rate and per percentile the lower of the two runs; streaming TTFB and gaps alike. */
  public static TargetResult combine(TargetResult a, TargetResult b) {
    TargetResult out = new TargetResult("baseline (better of the direct runs)");
    for (var e : a.rates.entrySet()) {
      RateRun x = e.getValue();
      RateRun y = b.rates.get(e.getKey());
      out.rates.put(e.getKey(), y == null ? x : new RateRun(x.rate(), x.scheduled(), x.ok(), x.errors(),
          x.achievedPerSecond(), better(x.latency(), y.latency()), x.sendLateness()));
    }
    b.rates.forEach(out.rates::putIfAbsent);
    if (a.stream == null || b.stream == null) {
      out.stream = a.stream != null ? a.stream : b.stream;
    } else {
      StreamRun x = a.stream;
      out.stream = new StreamRun(x.streams(), x.completed(), x.errors(), better(x.ttfb(), b.stream.ttfb()),
          better(x.chunkGap(), b.stream.chunkGap()), x.meanEventsPerStream(), x.peakRssKb());
    }
    return out;
  }

  /** Field by field the lower value; NaN (not measured) loses to any number. */
  public static LatencyStats better(LatencyStats a, LatencyStats b) {
    return new LatencyStats(Math.min(a.count(), b.count()), min(a.p50(), b.p50()), min(a.p90(), b.p90()),
        min(a.p99(), b.p99()), min(a.p999(), b.p999()), min(a.max(), b.max()));
  }

  static double min(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    if (Double.isNaN(b)) {
      return a;
    }
    return Math.min(a, b);
  }

  /** Which run each percentile of the baseline came from, e.g. {@code 1000/s p50 run 2 (1.02 vs 1.15 ms)}. */
  public static List<String> describe(List<TargetResult> targets) {
    TargetResult a = ResultTable.find(targets, ResultTable.DIRECT);
    TargetResult b = ResultTable.find(targets, ResultTable.DIRECT_END);
    List<String> out = new ArrayList<>();
    if (a == null || b == null) {
      TargetResult only = a != null ? a : b;
      if (only != null) {
        out.add("baseline: the only direct run (" + only.name + ")");
      }
      return out;
    }
    List<String> parts = new ArrayList<>();
    for (var e : a.rates.entrySet()) {
      RateRun y = b.rates.get(e.getKey());
      if (y == null) {
        continue;
      }
      String p = e.getKey() + "/s ";
      parts.add(pick(p + "p50", e.getValue().latency().p50(), y.latency().p50()));
      parts.add(pick(p + "p99", e.getValue().latency().p99(), y.latency().p99()));
    }
    if (a.stream != null && b.stream != null) {
      parts.add(pick("streaming TTFB p99", a.stream.ttfb().p99(), b.stream.ttfb().p99()));
      parts.add(pick("streaming gap p99", a.stream.chunkGap().p99(), b.stream.chunkGap().p99()));
    }
    out.add("baseline: per percentile the lower of direct run 1 (first) and run 2 (at the end): "
        + String.join("; ", parts));
    return out;
  }

  static String pick(String what, double first, double second) {
    String run = Double.isNaN(second) || first <= second ? "run 1" : "run 2";
    if (first == second) {
      run = "equal";
    }
    return String.format(Locale.ROOT, "%s %s (%s vs %s ms)", what, run, ResultTable.num(first, 2),
        ResultTable.num(second, 2));
  }
}
