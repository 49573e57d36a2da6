package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.providers.types.Json;
import java.util.List;

/**
 * Records each guardrail run on the request's spend row, as {@code metadata.guardrail_information} entries
 * ({@code guardrail_name}, {@code guardrail_mode}, {@code guardrail_status}: passed / blocked / masked,
 * {@code duration_us}, {@code detected_entities}: types only), and in the Prometheus metrics. No schema change: the
 * row's metadata is JSON already.
 */
final class RunLog {
  static final String FIELD = "guardrail_information";
  private final CallRecord record;
  private final GuardrailMetrics metrics;

  RunLog(CallRecord record, GuardrailMetrics metrics) {
    this.record = record;
    this.metrics = metrics;
  }

  void ran(ConfiguredGuardrail g, GuardrailMode mode, Verdict verdict, long startNanos) {
    long micros = Math.max(0, (System.nanoTime() - startNanos) / 1000);
    String outcome = outcome(verdict);
    metrics.record(g.name(), mode, outcome, micros);
    if (record == null || record.isCompleted()) {
      return;
    }
    if (record.metadata == null) {
      record.metadata = Json.object();
    }
    ArrayNode runs = record.metadata.get(FIELD) instanceof ArrayNode a ? a : record.metadata.putArray(FIELD);
    ObjectNode run = runs.addObject();
    run.put("guardrail_name", g.name());
    run.put("guardrail_mode", mode.id());
    run.put("guardrail_status", outcome);
    run.put("duration_us", micros);
    List<String> entities = switch (verdict) {
      case Verdict.Masked m -> m.entities();
      case Verdict.Blocked b -> b.entities();
      case Verdict.Pass p -> List.of();
    };
    if (!entities.isEmpty()) {
      ArrayNode found = run.putArray("detected_entities");
      entities.forEach(found::add);
    }
  }

  static String outcome(Verdict verdict) {
    return switch (verdict) {
      case Verdict.Pass p -> "passed";
      case Verdict.Masked m -> "masked";
      case Verdict.Blocked b -> "blocked";
    };
  }
}
