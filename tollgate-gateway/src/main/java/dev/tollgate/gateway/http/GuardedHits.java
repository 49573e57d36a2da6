package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.guardrails.GuardrailMode;
import dev.tollgate.gateway.guardrails.RequestGuardrails;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * A cache hit goes through the request's own guardrails as an upstream answer would: the entry holds the reply as
 * the upstream sent it (before any request's post-call guardrails, see {@link CacheWrites}), so a key with a masking
 * or blocking post-call guardrail never receives what another key's call stored unchecked. The pre-call guardrails
 * already ran before the lookup (the key is made from the masked prompt); here the during-call ones run on the input
 * (there is no model call to run beside, so they run first) and the post-call ones on the whole entry, in reverse
 * config order. A block answers its 400 before anything is sent, also for a stream request (whose replay then never
 * starts); a mask is applied to the whole entry, so a replayed stream is masked too, which an upstream stream cannot
 * be. With built-in guardrails only this is synchronous; when a remote guardrail runs during or after the call, the
 * hit waits for its verdict without blocking the event loop.
 */
final class GuardedHits {
  private GuardedHits() {}

  /**
   * Calls {@code answer} with {@code cached}, or its masked copy, once the guardrails passed; answers the error
   * instead when one blocks (or a remote one fails closed).
   */
  static void then(RoutingContext ctx, CallRecord record, RequestGuardrails guards, ObjectNode cached,
      Consumer<ObjectNode> answer) {
    if (!guards.needsAsync(GuardrailMode.DURING_CALL) && !guards.needsAsync(GuardrailMode.POST_CALL)) {
      answer.accept(check(guards, cached)); // a block throws into the caller's error path
      return;
    }
    checkAsync(guards, cached).onComplete(done -> {
      if (ctx.response().closed() || ctx.response().ended()) {
        return; // the client went away meanwhile; its record completed as a failure
      }
      try {
        if (done.failed()) {
          throw done.cause() instanceof RuntimeException r ? r : new IllegalStateException(done.cause());
        }
        answer.accept(done.result());
      } catch (RuntimeException e) {
        CallEnd.failed(record, e);
        ErrorResponses.send(ctx, e);
      }
    });
  }

  /** The entry to answer with: {@code cached}, or its masked copy; throws the 400 when a guardrail blocks. */
  static ObjectNode check(RequestGuardrails guards, ObjectNode cached) {
    if (guards.isEmpty()) {
      return cached;
    }
    guards.duringCall();
    ApiError during = guards.duringCallBlock();
    if (during != null) {
      throw during;
    }
    if (!guards.runs(GuardrailMode.POST_CALL)) {
      return cached;
    }
    byte[] bytes = Json.write(cached);
    byte[] checked = guards.postCall(bytes);
    return checked == bytes ? cached : (ObjectNode) Json.tree(checked);
  }

  private static Future<ObjectNode> checkAsync(RequestGuardrails guards, ObjectNode cached) {
    guards.duringCall();
    Future<Void> pending = guards.duringCallPending();
    Future<Void> during = pending == null ? Future.succeededFuture() : pending;
    return during.compose(v -> {
      ApiError block = guards.duringCallBlock();
      if (block != null) {
        return Future.failedFuture(block);
      }
      if (!guards.runs(GuardrailMode.POST_CALL)) {
        return Future.succeededFuture(cached);
      }
      byte[] bytes = Json.write(cached);
      Future<byte[]> checked = guards.needsAsync(GuardrailMode.POST_CALL)
          ? guards.postCallAsync(bytes) : Future.succeededFuture(guards.postCall(bytes));
      return checked.map(out -> out == bytes ? cached : (ObjectNode) Json.tree(out));
    });
  }
}
