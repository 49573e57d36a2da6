package dev.tollgate.bench.load;

import dev.tollgate.bench.load.Results.RateRun;
import dev.tollgate.bench.load.Results.TargetResult;
import java.util.ArrayList;
import java.util.List;

/** The target checks, evaluated on the results. */
public final class Checks {
  private Checks() {}

  public static final String NGINX = "nginx";
  public static final String TOLLGATE = "tollgate (master key)";
  public static final String PORTKEY = "portkey gateway";
  public static final String TOLLGATE_FULL = "tollgate (full path)";
  public static final int CHECK_RATE = 1000;
  /** nginx's overhead counts as at least this much: a noisy baseline can make it zero or negative. */
  public static final double NGINX_OVERHEAD_FLOOR_MS = 0.05;

  /** One check: what was measured, against what, and the outcome (MET, MISSED or n/a). */
  public record Check(String name, String measured, String limit, String status) {
    static Check of(String name, double measured, double limit, boolean met, String unit) {
      if (Double.isNaN(measured) || Double.isNaN(limit)) {
        return new Check(name, fmt(measured, unit), fmt(limit, unit), "n/a");
      }
      return new Check(name, fmt(measured, unit), fmt(limit, unit), met ? "MET" : "MISSED");
    }
  }

  public static List<Check> evaluate(List<TargetResult> targets) {
    TargetResult direct = Baseline.of(targets);
    TargetResult nginx = ResultTable.find(targets, NGINX);
    TargetResult tollgate = ResultTable.find(targets, TOLLGATE);
    TargetResult portkey = ResultTable.find(targets, PORTKEY);
    List<Check> out = new ArrayList<>();

    double tg50 = overhead(tollgate, direct, CHECK_RATE, 50);
    double ng50 = overhead(nginx, direct, CHECK_RATE, 50);
    double tg99 = overhead(tollgate, direct, CHECK_RATE, 99);
    double ng99 = overhead(nginx, direct, CHECK_RATE, 99);
    out.add(overheadCheck("overhead p50 @1000/s ≤ 1.5× nginx's", tg50, ng50, 1.5));
    out.add(overheadCheck("overhead p99 @1000/s ≤ 2× nginx's", tg99, ng99, 2));

    double tgMax = tollgate == null ? Double.NaN : tollgate.maxThroughput;
    double pkMax = portkey == null ? Double.NaN : portkey.maxThroughput;
    double ngMax = nginx == null ? Double.NaN : nginx.maxThroughput;
    out.add(Check.of("max throughput ≥ 3× Portkey's", tgMax, 3 * pkMax, tgMax >= 3 * pkMax, "req/s"));
    out.add(Check.of("max throughput ≥ 60% of nginx's", tgMax, 0.6 * ngMax, tgMax >= 0.6 * ngMax, "req/s"));
    TargetResult full = ResultTable.find(targets, TOLLGATE_FULL);
    double fullMax = full == null || full.unavailable != null ? Double.NaN : full.maxThroughput;
    out.add(Check.of("full path max throughput ≥ 85% of master key's", fullMax, 0.85 * tgMax,
        fullMax >= 0.85 * tgMax, "req/s"));
    if (full == null || full.unavailable != null || full.spendRowsExpected < 0) {
      out.add(new Check("full path: zero spend rows lost", "-", "0", "n/a"));
    } else {
      // wrk counts the requests it saw answered; up to one request per connection was still in flight when it
      // stopped, and those are served and logged too. A lost row shows as fewer rows than answered requests.
      long lost = Math.max(0, full.spendRowsExpected - full.spendRowsWritten);
      out.add(new Check("full path: zero spend rows lost", full.spendRowsWritten + " rows for "
          + full.spendRowsExpected + " answered (+ in flight)", "0 lost", lost == 0 ? "MET" : "MISSED"));
    }

    Results.StreamRun ts = tollgate == null ? null : tollgate.stream;
    Results.StreamRun ds = direct == null ? null : direct.stream;
    if (ts == null) {
      out.add(new Check("streaming: all 1,000 streams complete", "-", "1000", "n/a"));
    } else {
      out.add(new Check("streaming: all " + ts.streams() + " streams complete", Long.toString(ts.completed()),
          Integer.toString(ts.streams()), ts.completed() == ts.streams() && ts.errors() == 0 ? "MET" : "MISSED"));
    }
    double ttfb = ts == null || ds == null ? Double.NaN : ts.ttfb().p99() - ds.ttfb().p99();
    out.add(Check.of("streaming: TTFB overhead p99 < 5 ms", ttfb, 5, ttfb < 5, "ms"));
    double gap = ts == null || ds == null ? Double.NaN : ts.chunkGap().p99() - ds.chunkGap().p99();
    out.add(Check.of("streaming: chunk gap widened ≤ 1 ms at p99", gap, 1, gap <= 1, "ms"));

    double streamRss = ts == null || ts.peakRssKb() < 0 ? Double.NaN : ts.peakRssKb() / 1024.0;
    out.add(Check.of("memory: peak RSS under 1,000 streams < 350 MB", streamRss, 350, streamRss < 350, "MB"));
    double idle = tollgate == null || tollgate.idleRssKb < 0 ? Double.NaN : tollgate.idleRssKb / 1024.0;
    out.add(Check.of("memory: idle RSS < 200 MB", idle, 200, idle < 200, "MB"));
    double ready = tollgate == null ? Double.NaN : tollgate.startToReadySeconds;
    out.add(Check.of("start-to-ready < 2 s", ready, 2, ready < 2, "s"));
    return out;
  }

  /**
   * Tollgate's overhead against {@code factor × max(nginx's overhead, 0.05 ms)}; both raw overheads are printed, so a
   * negative nginx overhead (nginx faster than the baseline: noise) shows instead of making the limit negative.
   */
  static Check overheadCheck(String name, double tollgate, double nginx, double factor) {
    double limit = factor * Math.max(nginx, NGINX_OVERHEAD_FLOOR_MS);
    String measured = "Tollgate " + ResultTable.signed(tollgate) + " ms";
    String limitText = ResultTable.num(factor, 1) + " × max(nginx " + ResultTable.signed(nginx) + ", "
        + ResultTable.num(NGINX_OVERHEAD_FLOOR_MS, 2) + ") = " + ResultTable.num(limit, 2) + " ms";
    if (Double.isNaN(nginx)) {
      return new Check(name, measured, "- (no nginx overhead)", "n/a");
    }
    if (Double.isNaN(tollgate)) {
      return new Check(name, measured, limitText, "n/a");
    }
    return new Check(name, measured, limitText, tollgate <= limit ? "MET" : "MISSED");
  }

  /** Target percentile minus direct percentile at a rate (50 or 99), NaN when not measured. */
  static double overhead(TargetResult target, TargetResult direct, int rate, int percentile) {
    if (target == null || direct == null) {
      return Double.NaN;
    }
    RateRun t = target.rates.get(rate);
    RateRun d = direct.rates.get(rate);
    if (t == null || d == null) {
      return Double.NaN;
    }
    return percentile == 50
        ? LatencyStats.overhead(t.latency().p50(), d.latency().p50())
        : LatencyStats.overhead(t.latency().p99(), d.latency().p99());
  }

  private static String fmt(double v, String unit) {
    if (Double.isNaN(v)) {
      return "-";
    }
    int decimals = unit.equals("req/s") || unit.equals("MB") ? 0 : 2;
    return ResultTable.num(v, decimals) + " " + unit;
  }
}
