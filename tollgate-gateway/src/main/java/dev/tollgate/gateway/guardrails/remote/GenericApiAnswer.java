package dev.tollgate.gateway.guardrails.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.guardrails.GuardrailFailure;
import dev.tollgate.gateway.guardrails.Verdict;
import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.types.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code generic_guardrail_api} service's answer (LiteLLM's {@code GenericGuardrailAPIResponse}):
 * {@code action} {@code BLOCKED} (with an optional {@code blocked_reason}) blocks; {@code NONE} or
 * {@code GUARDRAIL_INTERVENED} pass, masked when {@code texts} holds other texts (one per text sent, same order).
 * A missing {@code action} is {@code NONE}, as in LiteLLM. Everything else is a {@link GuardrailFailure}: 502, 503
 * and 504 and a service that cannot be reached or does not answer in time as unreachable (LiteLLM's
 * {@code unreachable_fallback} applies), any other error status, a body that is not a JSON object, an unknown
 * {@code action} (LiteLLM would pass it; Tollgate refuses to guess) or a {@code texts} of the wrong size as errors.
 */
public final class GenericApiAnswer {
  private GenericApiAnswer() {}

  /** The verdict in a reply with {@code status} and {@code body}, to a call that sent {@code sent} texts. */
  public static Verdict verdict(int status, byte[] body, List<String> sent) {
    if (status == 502 || status == 503 || status == 504) {
      throw GuardrailFailure.unreachable("the guardrail API answered HTTP " + status);
    }
    if (status < 200 || status > 299) {
      throw GuardrailFailure.error("the guardrail API answered HTTP " + status);
    }
    JsonNode reply;
    try {
      reply = Json.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      reply = null;
    }
    if (reply == null || !reply.isObject()) {
      throw GuardrailFailure.error("the guardrail API's answer is not a JSON object");
    }
    JsonNode action = reply.get("action");
    String name = action == null || action.isNull() ? "NONE" : action.isTextual() ? action.asText() : null;
    if (name == null) {
      throw GuardrailFailure.error("the guardrail API's action is not a string");
    }
    return switch (name) {
      case "BLOCKED" -> new Verdict.Blocked(List.of(), text(reply.get("blocked_reason")));
      case "NONE", "GUARDRAIL_INTERVENED" -> rewritten(reply.get("texts"), sent);
      default -> throw GuardrailFailure.error("the guardrail API answered an unknown action '" + shortened(name)
          + "' (BLOCKED, NONE or GUARDRAIL_INTERVENED)");
    };
  }

  /** A failed call as a failure: timeouts and connection failures are unreachable. */
  public static GuardrailFailure failure(Throwable error) {
    if (error instanceof GuardrailFailure f) {
      return f;
    }
    if (error instanceof TimeoutException) {
      return GuardrailFailure.timeout("the guardrail API did not answer in time");
    }
    if (error instanceof APIConnectionException) {
      return GuardrailFailure.unreachable("the guardrail API could not be reached: " + error.getMessage());
    }
    return GuardrailFailure.of(error);
  }

  private static Verdict rewritten(JsonNode texts, List<String> sent) {
    if (texts == null || texts.isNull() || (texts.isArray() && texts.isEmpty())) {
      return Verdict.PASS; // as LiteLLM: no texts means the input stands
    }
    if (!texts.isArray()) {
      throw GuardrailFailure.error("the guardrail API's texts is not a list");
    }
    List<String> out = new ArrayList<>(texts.size());
    for (JsonNode t : texts) {
      if (!t.isTextual()) {
        throw GuardrailFailure.error("the guardrail API's texts holds something that is not a string");
      }
      out.add(t.asText());
    }
    if (out.size() != sent.size()) {
      throw GuardrailFailure.error("the guardrail API answered " + out.size() + " texts for the " + sent.size()
          + " it was sent");
    }
    return out.equals(sent) ? Verdict.PASS : new Verdict.Masked(out, List.of());
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static String shortened(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
