package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.providers.types.Json;
import java.util.List;

/**
 * Records each guardrail run on the request's spend row, as {@code metadata.guardrail_information} entries
 * ({@code guardrail_name}, {@code guardrail_mode}, {@code guardrail_status}: passed / blocked / masked, or error /
 * timeout for a remote guardrail that gave no verdict, {@code duration_us}, {@code detected_entities}: types only;
 * for remote guardrails also {@code blocked_reason}, {@code error}, {@code fail_open} and what the guardrail itself
 * noted, such as a judge's tokens and cost), and in the Prometheus metrics. No schema change: the row's metadata is
 * JSON already.
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
    long micros = micros(startNanos);
    String outcome = outcome(verdict);
    metrics.record(g.name(), mode, outcome, micros);
    ObjectNode run = entry(g, mode, outcome, micros);
    if (run != null) {
      entities(run, verdict);
    }
  }

  /** A remote run that gave a verdict; {@code details} is what the guardrail noted (may be empty). */
  void ranRemote(ConfiguredGuardrail g, GuardrailMode mode, Verdict verdict, long startNanos, ObjectNode details) {
    long micros = micros(startNanos);
    String outcome = outcome(verdict);
    metrics.record(g.name(), mode, outcome, micros);
    ObjectNode run = entry(g, mode, outcome, micros);
    if (run != null) {
      entities(run, verdict);
      if (verdict instanceof Verdict.Blocked b && b.reason() != null) {
        run.put("blocked_reason", GuardrailBlocked.shortened(b.reason()));
      }
      run.setAll(details);
    }
  }

  /** A remote run that gave no verdict; {@code passedOpen}: the request went on (fail open). */
  void failed(ConfiguredGuardrail g, GuardrailMode mode, GuardrailFailure failure, boolean passedOpen,
      long startNanos, ObjectNode details) {
    long micros = micros(startNanos);
    metrics.record(g.name(), mode, failure.outcome(), micros);
    ObjectNode run = entry(g, mode, failure.outcome(), micros);
    if (run != null) {
      run.put("error", failure.getMessage());
      run.put("fail_open", passedOpen);
      run.setAll(details);
    }
  }

  /** A new run entry on the record, or null when there is no record or it was handed to the spend writer. */
  private ObjectNode entry(ConfiguredGuardrail g, GuardrailMode mode, String outcome, long micros) {
    if (record == null || !record.acceptsGuardrailRuns()) {
      return null;
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
    return run;
  }

  private static void entities(ObjectNode run, Verdict verdict) {
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

  private static long micros(long startNanos) {
    return Math.max(0, (System.nanoTime() - startNanos) / 1000);
  }

  static String outcome(Verdict verdict) {
    return switch (verdict) {
      case Verdict.Pass p -> "passed";
      case Verdict.Masked m -> "masked";
      case Verdict.Blocked b -> "blocked";
    };
  }
}
