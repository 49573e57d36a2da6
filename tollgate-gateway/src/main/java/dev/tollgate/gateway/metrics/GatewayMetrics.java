package dev.tollgate.gateway.metrics;

import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.spend.SpendWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's Prometheus metrics, named as LiteLLM's Prometheus callback names them so existing dashboards work:
 * requests, failures, tokens, spend and total latency per route, model group and status, the requests in flight, and
 * the spend writer's queue, failed writes and dropped rows. Labels stay low-cardinality (no key hashes or end users):
 * a gateway with 100,000 keys must not export millions of series. Recording one call is a map lookup and a few
 * atomic adds.
 */
public final class GatewayMetrics {
  /** Latency buckets in seconds, from sub-millisecond mock answers to five-minute streams. */
  private static final double[] LATENCY_BUCKETS = {
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentHashMap<Series, Meters> meters = new ConcurrentHashMap<>();

  private record Series(String route, String model, int status) {}

  private record Meters(Counter requests, Counter failed, Counter spend, Counter totalTokens, Counter inputTokens,
      Counter outputTokens, DistributionSummary latency) {}

  public GatewayMetrics() {
    Gauge.builder("litellm_in_flight_requests", inFlight, AtomicInteger::get)
        .description("LLM requests being served now").register(registry);
  }

  /** The registry, for meters other packages own (the response cache's counters, the guardrails' series). */
  public io.micrometer.core.instrument.MeterRegistry registry() {
    return registry;
  }

  /** Adds the spend writer's queue, failed writes and dropped rows (the database-down signals). */
  public void watch(SpendWriter spend) {
    Gauge.builder("litellm_in_memory_spend_update_queue_size", spend, SpendWriter::queued)
        .description("spend rows waiting to be written to the database").register(registry);
    FunctionCounter.builder("tollgate_spend_write_failures", spend, SpendWriter::failedWrites)
        .description("spend batches that failed to write (retried)").register(registry);
    FunctionCounter.builder("tollgate_spend_rows_dropped", spend, SpendWriter::dropped)
        .description("spend rows dropped because the queue was full").register(registry);
    FunctionCounter.builder("tollgate_spend_rows_written", spend, SpendWriter::written)
        .description("spend rows written to the database").register(registry);
  }

  /** An LLM call started (a {@link #completed} follows exactly once). */
  public void started() {
    inFlight.incrementAndGet();
  }

  /** Records a completed call: counts, tokens, spend and latency under its route, model group and status. */
  public void completed(CallRecord r) {
    inFlight.decrementAndGet();
    String route = "aembedding".equals(r.callType) ? "/embeddings" : "/chat/completions";
    Meters m = meters.computeIfAbsent(new Series(route, r.modelGroup == null ? "" : r.modelGroup, r.httpStatus),
        this::register);
    m.requests().increment();
    if (r.httpStatus >= 400 || "failure".equals(r.status)) {
      m.failed().increment();
    }
    if (r.cost > 0) {
      m.spend().increment(r.cost);
    }
    if (r.totalTokens > 0) {
      m.totalTokens().increment(r.totalTokens);
      m.inputTokens().increment(r.promptTokens);
      m.outputTokens().increment(r.completionTokens);
    }
    m.latency().record(Math.max(0, r.endMillis - r.startMillis) / 1000.0);
  }

  private Meters register(Series s) {
    String[] tags = {"route", s.route(), "requested_model", s.model(), "status_code", Integer.toString(s.status())};
    String[] model = {"requested_model", s.model()};
    return new Meters(
        Counter.builder("litellm_proxy_total_requests_metric").tags(tags).register(registry),
        Counter.builder("litellm_proxy_failed_requests_metric").tags(tags).register(registry),
        Counter.builder("litellm_spend_metric").description("spend in USD").tags(model).register(registry),
        Counter.builder("litellm_total_tokens_metric").tags(model).register(registry),
        Counter.builder("litellm_input_tokens_metric").tags(model).register(registry),
        Counter.builder("litellm_output_tokens_metric").tags(model).register(registry),
        DistributionSummary.builder("litellm_request_total_latency_metric").baseUnit("seconds")
            .serviceLevelObjectives(LATENCY_BUCKETS).tags("requested_model", s.model()).register(registry));
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }
}
