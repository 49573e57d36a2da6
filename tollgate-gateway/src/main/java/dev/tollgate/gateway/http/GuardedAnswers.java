package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.guardrails.GuardedStreamRelay;
import dev.tollgate.gateway.guardrails.GuardrailMetrics;
import dev.tollgate.gateway.guardrails.RequestGuardrails;
import io.vertx.ext.web.RoutingContext;

/**
 * Where the LLM handlers meet the guardrails ({@link RequestGuardrails}): {@link #start} picks the request's
 * guardrails, sets {@code x-litellm-applied-guardrails} and runs the pre-call ones (a block throws the 400 into the
 * handler's own error path); {@link #wrap} holds the routed answer until the during-call guardrails passed, runs the
 * post-call ones on a whole reply and puts a stream behind {@link GuardedStreamRelay}. A block at answer time throws
 * into {@link RoutedCalls}, which abandons the lease, records the failure and answers in the route's error shape.
 * Local mock answers are not scanned by post-call guardrails.
 */
final class GuardedAnswers {
  static final String APPLIED_HEADER = "x-litellm-applied-guardrails";

  private GuardedAnswers() {}

  /** The request's guardrails, after their pre-call run on {@code body} (masked in place). */
  static RequestGuardrails start(RoutingContext ctx, GatewaySettings current, ObjectNode body, JsonNode metadata,
      CallRecord record, GuardrailMetrics metrics) {
    RequestGuardrails guards = RequestGuardrails.of(CallerGuardrails.of(ctx, current), body, metadata,
        Caller.of(ctx).key(), record, metrics);
    if (!guards.isEmpty()) {
      ctx.response().putHeader(APPLIED_HEADER, guards.appliedHeader());
      guards.preCall(body);
    }
    return guards;
  }

  /** {@code answer} behind the during-call and post-call guardrails. */
  static RoutedCalls.Answer wrap(RequestGuardrails guards, RoutedCalls.Answer answer) {
    if (guards.isEmpty()) {
      return answer;
    }
    return (outcome, lease) -> {
      guards.duringCall(); // already done unless the answer came back before the handler returned
      ApiError during = guards.duringCallBlock();
      if (during != null) {
        if (outcome instanceof AttemptOutcome.Stream s) {
          s.reply().cancel();
        }
        throw during;
      }
      AttemptOutcome checked = switch (outcome) {
        case AttemptOutcome.Body b -> new AttemptOutcome.Body(b.route(), b.target(), guards.postCall(b.bytes()));
        case AttemptOutcome.Stream s -> new AttemptOutcome.Stream(s.route(), s.target(), s.reply(),
            GuardedStreamRelay.wrap(s.relay(), guards), s.sent());
        case AttemptOutcome.Mock m -> m;
      };
      answer.answer(checked, lease);
    };
  }
}
