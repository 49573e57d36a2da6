package dev.tollgate.gateway.guardrails.stored;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.GuardrailOrigin;

/**
 * One row of {@code tg_guardrails} (LiteLLM's {@code LiteLLM_GuardrailsTable}): a guardrail added through
 * {@code POST /guardrails}.
 *
 * @param litellmParams as stored: credentials encrypted ({@link GuardrailSecrets})
 * @param guardrailInfo free-form, as given
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 */
public record StoredGuardrail(String guardrailId, String guardrailName, ObjectNode litellmParams,
    ObjectNode guardrailInfo, long createdAt, long updatedAt) {

  /** The facts the served guardrail carries about this row. */
  public GuardrailOrigin origin() {
    return new GuardrailOrigin(guardrailId, createdAt, updatedAt);
  }
}
