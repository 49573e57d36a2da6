package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.guardrails.GuardrailMetrics;
import dev.tollgate.gateway.guardrails.GuardrailMode;
import dev.tollgate.gateway.guardrails.GuardrailServices;
import dev.tollgate.gateway.guardrails.RequestGuardrails;
import dev.tollgate.providers.types.EmbeddingRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Where {@code /v1/embeddings} meets the guardrails: the request's {@code pre_call} guardrails (the only mode that
 * applies to embeddings: there is no reply text to check, and no prompt is stored) run on its {@code input} strings
 * (token arrays are not scanned) before the cache lookup and the model call. A block answers the 400 (a remote
 * guardrail that fails closed, its 503); a mask rewrites the body's input in place, so the masked input is what the
 * upstream receives, on every retry and fallback, and what the per-item cache keys are built from. Runs are recorded
 * on the spend row and in the metrics as for chat calls. Synchronous with built-in guardrails only; a remote one makes
 * the handler go on once its verdict is in ({@link #then}).
 */
final class GuardedEmbeddings {
  private GuardedEmbeddings() {}

  /** Goes on with a request once its guardrails passed (or masked it); answers their error otherwise. */
  @FunctionalInterface
  interface Next {
    void run(EmbeddingRequest request);
  }

  /**
   * Runs the request's pre-call guardrails on {@code body} (the parsed request the cache keys are made from), then
   * {@code next} with {@code request} as the guardrails left it. A block throws into the handler's error path when
   * it happens before any wait, and is answered here after one.
   */
  static void then(RoutingContext ctx, GatewaySettings current, ObjectNode body, EmbeddingRequest request,
      CallRecord record, GuardrailMetrics metrics, GuardrailServices services, Next next) {
    if (current.guardrails().isEmpty()) {
      next.run(request);
      return;
    }
    RequestGuardrails guards = RequestGuardrails.of(CallerGuardrails.of(ctx, current), body, body.get("metadata"),
        Caller.of(ctx).key(), record, metrics, services,
        current.guardrails().hasRemote() ? ctx.request().headers() : null);
    if (!guards.runs(GuardrailMode.PRE_CALL)) {
      next.run(request);
      return;
    }
    ctx.response().putHeader(GuardedAnswers.APPLIED_HEADER, guards.appliedHeader(GuardrailMode.PRE_CALL));
    if (!guards.needsAsync(GuardrailMode.PRE_CALL)) {
      guards.preCallEmbedding(body);
      next.run(masked(request, body));
      return;
    }
    guards.preCallEmbeddingAsync(body).onComplete(done -> {
      if (ctx.response().closed()) {
        return; // the client went away; the context's end handler completes the record
      }
      try {
        if (done.failed()) {
          throw done.cause() instanceof RuntimeException r ? r : new IllegalStateException(done.cause());
        }
        next.run(masked(request, body));
      } catch (RuntimeException e) {
        CallEnd.failed(record, e);
        ErrorResponses.send(ctx, e);
      }
    });
  }

  /** {@code request} with the body's (possibly masked) input. */
  private static EmbeddingRequest masked(EmbeddingRequest request, ObjectNode body) {
    return body.get("input") == null || body.get("input").equals(request.input()) ? request
        : new EmbeddingRequest(request.model(), body.get("input"), request.encodingFormat(), request.dimensions(),
            request.user(), request.extra());
  }
}
