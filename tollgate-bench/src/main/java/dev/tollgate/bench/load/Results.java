package dev.tollgate.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one run measured: plain data, filled by {@link LoadBenchmark}, printed by {@link ResultTable}. */
public final class Results {
  private Results() {}

  /** One open-loop run at a fixed rate. */
  public record RateRun(int rate, long scheduled, long ok, long errors, double achievedPerSecond, LatencyStats latency,
      LatencyStats sendLateness) {}

  /** One streaming run. */
  /** CPU ticks spent in a streaming round per event its clients received, in µs; NaN without events. */
  public static double microsPerEvent(long cpuTicks, long clockTicks, StreamRun run) {
    double events = run.completed() * run.meanEventsPerStream();
    return events <= 0 ? Double.NaN : cpuTicks * 1e6 / clockTicks / events;
  }

  public record StreamRun(int streams, long completed, long errors, LatencyStats ttfb, LatencyStats chunkGap,
      double meanEventsPerStream, long peakRssKb) {}

  /** Everything about one target; {@code unavailable} non-null means it could not be measured. */
  public static final class TargetResult {
    public final String name;
    public String unavailable;
    public final Map<Integer, RateRun> rates = new LinkedHashMap<>();
    public double maxThroughput = Double.NaN;
    public long closedLoopErrors;
    public double cpuSecondsPer1k = Double.NaN;
    public long peakRssKb = -1;
    public long idleRssKb = -1;
    public double startToReadySeconds = Double.NaN;
    public StreamRun stream;
    /** Non-null when the streaming run could not be done (e.g. the first stream request failed). */
    public String streamUnavailable;
    /**
     * CPU of the target process(es) in the measured streaming round per event the clients received, in µs (direct:
     * the streaming fake's own); NaN when not measured.
     */
    public double streamCpuMicrosPerEvent = Double.NaN;
    /**
     * What else ran on the host in the measured streaming round, per event the clients received: the streaming fake's
     * CPU and the generator's (this JVM's own, without its children) in µs, and how busy the whole host was (all
     * cores, percent). With the host near 100% busy, TTFB and gaps measure queueing for CPU as much as the target.
     */
    public double streamFakeMicrosPerEvent = Double.NaN;
    public double streamGeneratorMicrosPerEvent = Double.NaN;
    public double streamHostBusyPercent = Double.NaN;
    /** Unmeasured streaming rounds run before the measured one ({@link WarmupRule#streamWarmupDone}). */
    public int streamWarmupRounds;
    /** The generator of the max-throughput phase, e.g. {@code wrk -t1 -c64} or {@code Java generator (Vert.x)}. */
    public String maxGenerator;
    /** CPU seconds the generator used during the max-throughput phase, and the phase's length. */
    public double generatorCpuSeconds = Double.NaN;
    public double maxPhaseSeconds = Double.NaN;
    /** CPU seconds of the benchmark's own JVM in that phase when wrk generated the load (mostly idle). */
    public double benchJvmCpuSeconds = Double.NaN;
    /** What the warm-up reached, e.g. {@code 18 s, stable at 5400 req/s}. */
    public String warmup;
    /** Requests answered (any status) in the max-throughput phase. */
    public long maxRequestsCompleted = -1;
    /** Full path only: spend rows written during the max-throughput phase, and the requests they should match. */
    public long spendRowsWritten = -1;
    public long spendRowsExpected = -1;
    /** Not reported in a column: e.g. whose CPU was counted. */
    public String note;

    public TargetResult(String name) {
      this.name = name;
    }

    public static TargetResult unavailable(String name, String reason) {
      TargetResult r = new TargetResult(name);
      r.unavailable = reason;
      return r;
    }
  }
}
