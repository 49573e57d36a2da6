package dev.tollgate.gateway.http;

import dev.tollgate.core.router.Attempt;
import dev.tollgate.core.router.CallLease;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.Routed;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.calls.CallRecord;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The end of an LLM handler shared by every API format: run the router with the handler's attempt, then either
 * answer the failure (headers naming what was tried last, the record failed, the error in the route's shape) or,
 * when the client is still there, set the {@code x-litellm-*} headers of the deployment that answered and hand the
 * outcome and the router's lease to the handler's answer. A client gone by then cancels an opened stream and
 * abandons the lease; an answer that throws abandons it too.
 */
final class RoutedCalls {
  private RoutedCalls() {}

  /** Writes the answer for what the router settled on; must end the lease (finish or abandon). */
  @FunctionalInterface
  interface Answer {
    void answer(AttemptOutcome outcome, CallLease lease);
  }

  static void run(RoutingContext ctx, GatewaySettings current, CallRecord record, RouteRequest request,
      String group, long startNanos, Attempt<AttemptOutcome> attempt, Answer answer) {
    HttpServerResponse response = ctx.response();
    Routing.route(current, request, attempt, (routed, error) -> {
      if (error != null) {
        Routing.failed(response, current, record, request.trace(), group, startNanos);
        CallEnd.failed(record, error);
        ErrorResponses.send(ctx, error);
        return;
      }
      answer(ctx, current, record, routed, group, startNanos, answer);
    });
  }

  private static void answer(RoutingContext ctx, GatewaySettings current, CallRecord record,
      Routed<AttemptOutcome> routed, String group, long startNanos, Answer answer) {
    HttpServerResponse response = ctx.response();
    AttemptOutcome outcome = routed.value();
    CallLease lease = routed.lease();
    try {
      if (response.closed()) {
        if (outcome instanceof AttemptOutcome.Stream s) {
          s.reply().cancel();
        }
        lease.abandon();
        return;
      }
      Routing.answered(response, current, record, routed, outcome, group, startNanos);
      answer.answer(outcome, lease);
    } catch (RuntimeException e) {
      lease.abandon();
      CallEnd.failed(record, e);
      ErrorResponses.send(ctx, e);
    }
  }
}
