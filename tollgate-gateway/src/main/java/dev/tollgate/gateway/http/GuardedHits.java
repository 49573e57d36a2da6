package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.GuardrailMode;
import dev.tollgate.gateway.guardrails.RequestGuardrails;
import dev.tollgate.providers.types.Json;

/**
 * A cache hit goes through the request's own guardrails as an upstream answer would: the entry holds the reply as
 * the upstream sent it (before any request's post-call guardrails, see {@link CacheWrites}), so a key with a masking
 * or blocking post-call guardrail never receives what another key's call stored unchecked. The pre-call guardrails
 * already ran before the lookup (the key is made from the masked prompt); here the during-call ones run on the input
 * (there is no model call to run beside, so they run first) and the post-call ones on the whole entry, in reverse
 * config order. A block throws its 400 before anything is sent, also for a stream request (whose replay then never
 * starts); a mask is applied to the whole entry, so a replayed stream is masked too, which an upstream stream cannot
 * be.
 */
final class GuardedHits {
  private GuardedHits() {}

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
}
