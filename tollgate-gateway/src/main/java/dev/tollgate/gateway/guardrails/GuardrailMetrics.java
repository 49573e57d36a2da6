package dev.tollgate.gateway.guardrails;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus series for guardrail runs: {@code tollgate_guardrail_runs_total{guardrail,mode,outcome}} (outcome
 * {@code passed}, {@code masked}, {@code blocked}, or {@code error} / {@code timeout} for a remote guardrail that gave
 * no verdict) and the latency histogram {@code tollgate_guardrail_latency_seconds{guardrail,mode}}, whose buckets run
 * from 10 µs (built-ins) to 10 s (remote guardrails). Labels are config names, so the series count is bounded by the
 * config. Recording is a map lookup and two atomic adds.
 */
public final class GuardrailMetrics {
  private static final double[] BUCKETS = {0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25,
      0.5, 1, 2.5, 5, 10};
  /** Records nothing (no registry). */
  public static final GuardrailMetrics NONE = new GuardrailMetrics(null);
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Counter> runs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, DistributionSummary> latency = new ConcurrentHashMap<>();

  public GuardrailMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String guardrail, GuardrailMode mode, String outcome, long micros) {
    if (registry == null) {
      return;
    }
    runs.computeIfAbsent(guardrail + '\u0000' + mode.id() + '\u0000' + outcome, k -> Counter
        .builder("tollgate_guardrail_runs_total")
        .description("guardrail runs by outcome (passed, blocked, masked, error, timeout)")
        .tags("guardrail", guardrail, "mode", mode.id(), "outcome", outcome).register(registry)).increment();
    latency.computeIfAbsent(guardrail + '\u0000' + mode.id(), k -> DistributionSummary
        .builder("tollgate_guardrail_latency_seconds").baseUnit("seconds").serviceLevelObjectives(BUCKETS)
        .tags("guardrail", guardrail, "mode", mode.id()).register(registry)).record(micros / 1_000_000.0);
  }
}
