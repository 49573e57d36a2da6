package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.router.CallLease;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.guardrails.GuardedStreamRelay;
import dev.tollgate.gateway.guardrails.GuardrailMetrics;
import dev.tollgate.gateway.guardrails.GuardrailMode;
import dev.tollgate.gateway.guardrails.GuardrailServices;
import dev.tollgate.gateway.guardrails.RequestGuardrails;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Where the LLM handlers meet the guardrails ({@link RequestGuardrails}): {@link #start} picks the request's
 * guardrails, sets {@code x-litellm-applied-guardrails} and runs the pre-call ones (a block throws the 400 into the
 * handler's own error path); {@link #wrap} holds the routed answer until the during-call guardrails passed, runs the
 * post-call ones on a whole reply and puts a stream behind {@link GuardedStreamRelay}. A block at answer time throws
 * into {@link RoutedCalls}, which abandons the lease, records the failure and answers in the route's error shape.
 * Local mock answers are not scanned by post-call guardrails.
 *
 * <p>With built-in guardrails only, all of this is synchronous. When a remote guardrail runs in a mode, that step
 * waits for it without blocking: pre-call ({@link #preCallPending}, {@link #afterPreCall}: the handler goes on once
 * they passed), during-call (the answer waits for the verdicts of the runs started beside the model call), post-call
 * on a whole reply (the reply waits); a stream is masked as it flows or held whole when a post-call guardrail may mask
 * it, and otherwise waits only at its end ({@link GuardedStreamRelay}). A failure after a
 * wait is answered here as {@link RoutedCalls} would; a client gone meanwhile ends the call.
 */
final class GuardedAnswers {
  static final String APPLIED_HEADER = "x-litellm-applied-guardrails";

  private GuardedAnswers() {}

  /**
   * The request's guardrails, after their pre-call run on {@code body} (masked in place) unless a remote one is among
   * them ({@link #preCallPending}).
   */
  static RequestGuardrails start(RoutingContext ctx, GatewaySettings current, ObjectNode body, JsonNode metadata,
      CallRecord record, GuardrailMetrics metrics, GuardrailServices services) {
    RequestGuardrails guards = RequestGuardrails.of(CallerGuardrails.of(ctx, current), body, metadata,
        Caller.of(ctx).key(), record, metrics, services,
        current.guardrails().hasRemote() ? ctx.request().headers() : null);
    if (!guards.isEmpty()) {
      ctx.response().putHeader(APPLIED_HEADER, guards.appliedHeader());
      if (!guards.needsAsync(GuardrailMode.PRE_CALL)) {
        guards.preCall(body);
      }
    }
    return guards;
  }

  /** True when the pre-call guardrails are still to run: the handler goes on through {@link #afterPreCall}. */
  static boolean preCallPending(RequestGuardrails guards) {
    return guards.needsAsync(GuardrailMode.PRE_CALL);
  }

  /**
   * Runs the pre-call guardrails (a remote one among them), then {@code proceed} (which handles its own errors); a
   * block or a guardrail that fails closed answers the error instead.
   */
  static void afterPreCall(RoutingContext ctx, CallRecord record, RequestGuardrails guards, ObjectNode body,
      Runnable proceed) {
    guards.preCallAsync(body).onComplete(done -> {
      if (ctx.response().closed()) {
        return; // the client went away; the context's end handler completes the record
      }
      if (done.failed()) {
        CallEnd.failed(record, done.cause());
        ErrorResponses.send(ctx, done.cause());
        return;
      }
      proceed.run();
    });
  }

  /** {@code answer} behind the during-call and post-call guardrails. */
  static RoutedCalls.Answer wrap(RoutingContext ctx, CallRecord record, RequestGuardrails guards,
      RoutedCalls.Answer answer) {
    if (guards.isEmpty()) {
      return answer;
    }
    return (outcome, lease) -> {
      guards.duringCall(); // already done unless the answer came back before the handler returned
      Future<Void> pending = guards.duringCallPending();
      if (pending == null) {
        release(ctx, record, guards, answer, outcome, lease);
      } else {
        pending.onComplete(v -> resumed(ctx, record, outcome, lease,
            () -> release(ctx, record, guards, answer, outcome, lease)));
      }
    };
  }

  /** The answer once the during-call verdicts are in: refused, or checked by the post-call guardrails. */
  private static void release(RoutingContext ctx, CallRecord record, RequestGuardrails guards,
      RoutedCalls.Answer answer, AttemptOutcome outcome, CallLease lease) {
    ApiError during = guards.duringCallBlock();
    if (during != null) {
      if (outcome instanceof AttemptOutcome.Stream s) {
        s.reply().cancel();
      }
      throw during;
    }
    switch (outcome) {
      case AttemptOutcome.Body b -> {
        if (guards.needsAsync(GuardrailMode.POST_CALL)) {
          guards.postCallAsync(b.bytes()).onComplete(done -> resumed(ctx, record, outcome, lease, () -> {
            if (done.failed()) {
              throw done.cause() instanceof RuntimeException r ? r : new IllegalStateException(done.cause());
            }
            answer.answer(new AttemptOutcome.Body(b.route(), b.target(), done.result()), lease);
          }));
        } else {
          answer.answer(new AttemptOutcome.Body(b.route(), b.target(), guards.postCall(b.bytes())), lease);
        }
      }
      case AttemptOutcome.Stream s -> answer.answer(new AttemptOutcome.Stream(s.route(), s.target(), s.reply(),
          GuardedStreamRelay.wrap(s.relay(), guards), s.sent()), lease);
      case AttemptOutcome.Mock m -> answer.answer(m, lease);
    }
  }

  /** Goes on with an answer after a wait: a client gone meanwhile ends it; a failure is answered as in RoutedCalls. */
  private static void resumed(RoutingContext ctx, CallRecord record, AttemptOutcome outcome, CallLease lease,
      Runnable step) {
    if (ctx.response().closed()) {
      cancel(outcome);
      lease.abandon();
      return;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      cancel(outcome);
      lease.abandon();
      CallEnd.failed(record, e);
      ErrorResponses.send(ctx, e);
    }
  }

  private static void cancel(AttemptOutcome outcome) {
    if (outcome instanceof AttemptOutcome.Stream s) {
      s.reply().cancel();
    }
  }
}
