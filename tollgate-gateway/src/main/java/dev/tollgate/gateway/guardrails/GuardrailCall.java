package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One run of an {@link AsyncGuardrail}: which guardrail, in which mode, for which request, with the gateway's
 * clients, and a {@code details} object the guardrail may fill for the run's record on the spend row (a judge's model
 * and token counts, for instance).
 *
 * @param guardrail the guardrail's configured name
 * @param facts what the request says about its caller (LiteLLM's {@code request_data}), never its texts
 */
public record GuardrailCall(String guardrail, GuardrailMode mode, CallFacts facts, GuardrailServices services,
    ObjectNode details) {

  /** LiteLLM's {@code input_type}: {@code response} for post-call runs, {@code request} for the others. */
  public String inputType() {
    return mode == GuardrailMode.POST_CALL ? "response" : "request";
  }
}
