package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;

/**
 * A key's {@code guardrails} (names that run on every call with the key) and {@code disable_global_guardrails} (the
 * {@code default_on} guardrails do not run for it). LiteLLM keeps both in the key's {@code metadata}; so does
 * Tollgate, where {@link dev.tollgate.gateway.guardrails.GuardrailSet} reads them. Applied after the body's own
 * {@code metadata}, so neither overwrites the other.
 */
final class KeyGuardrails {
  private KeyGuardrails() {}

  static void apply(ObjectNode body, VirtualKey.Builder b) {
    JsonNode names = body.get("guardrails");
    JsonNode disable = body.get("disable_global_guardrails");
    if (names == null && disable == null) {
      return;
    }
    ObjectNode metadata = b.metadata == null ? Json.object() : b.metadata.deepCopy();
    if (names != null) {
      if (names.isNull()) {
        metadata.remove("guardrails");
      } else {
        ArrayNode list = metadata.putArray("guardrails");
        if (!names.isArray()) {
          throw ApiError.badRequest("'guardrails' must be a list of guardrail names", "guardrails");
        }
        for (JsonNode n : names) {
          if (!n.isTextual()) {
            throw ApiError.badRequest("'guardrails' must be a list of guardrail names", "guardrails");
          }
          list.add(n.asText());
        }
      }
    }
    if (disable != null) {
      if (disable.isNull()) {
        metadata.remove("disable_global_guardrails");
      } else if (!disable.isBoolean()) {
        throw ApiError.badRequest("'disable_global_guardrails' must be true or false", "disable_global_guardrails");
      } else {
        metadata.put("disable_global_guardrails", disable.asBoolean());
      }
    }
    b.metadata = metadata;
  }
}
