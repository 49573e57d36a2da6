package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import java.util.Set;

/**
 * The {@code guardrails} (names that run on every call made with the key, or with any key of the team) and
 * {@code disable_global_guardrails} (the {@code default_on} guardrails do not run) fields of a key or team body.
 * LiteLLM keeps both in the object's {@code metadata}; so does Tollgate, where
 * {@link dev.tollgate.gateway.guardrails.GuardrailSet} reads them (a team's through the cached team entity). Applied
 * after the body's own {@code metadata}, so neither overwrites the other; {@code null} removes the field.
 */
final class GuardrailFields {
  /** The two body fields. */
  static final Set<String> NAMES = Set.of("guardrails", "disable_global_guardrails");
  private static final String NOT_A_LIST = "'guardrails' must be a list of guardrail names";

  private GuardrailFields() {}

  /** Whether {@code body} sets either field. */
  static boolean present(ObjectNode body) {
    return body.has("guardrails") || body.has("disable_global_guardrails");
  }

  /** A copy of {@code metadata} (null: none yet) with {@code body}'s fields applied; a 400 for a bad value. */
  static ObjectNode merged(ObjectNode body, JsonNode metadata) {
    ObjectNode out = metadata instanceof ObjectNode o ? o.deepCopy() : Json.object();
    JsonNode names = body.get("guardrails");
    if (names != null) {
      if (names.isNull()) {
        out.remove("guardrails");
      } else {
        out.set("guardrails", names(names, "guardrails"));
      }
    }
    JsonNode disable = body.get("disable_global_guardrails");
    if (disable != null) {
      if (disable.isNull()) {
        out.remove("disable_global_guardrails");
      } else if (!disable.isBoolean()) {
        throw ApiError.badRequest("'disable_global_guardrails' must be true or false", "disable_global_guardrails");
      } else {
        out.put("disable_global_guardrails", disable.asBoolean());
      }
    }
    return out;
  }

  /**
   * A 400 unless {@code metadata.guardrails} (when set) is a list of names (or LiteLLM's
   * {@code {"modify_guardrails": false}} permission object), {@code metadata.opted_out_global_guardrails} a list of
   * names, and
   * {@code metadata.disable_global_guardrails} (when set) is true or false: the fields set through {@code metadata}
   * directly are held to the same rules as the top-level ones.
   */
  static void checkMetadata(JsonNode metadata) {
    if (metadata == null || !metadata.isObject()) {
      return;
    }
    JsonNode names = metadata.get("guardrails");
    if (names != null && !names.isNull() && !isPermissionObject(names)) {
      names(names, "metadata");
    }
    JsonNode optedOut = metadata.get("opted_out_global_guardrails");
    if (optedOut != null && !optedOut.isNull()) {
      names(optedOut, "metadata");
    }
    JsonNode disable = metadata.get("disable_global_guardrails");
    if (disable != null && !disable.isNull() && !disable.isBoolean()) {
      throw ApiError.badRequest("'metadata.disable_global_guardrails' must be true or false", "metadata");
    }
  }

  /** LiteLLM's legacy team form {@code {"modify_guardrails": false}}: a permission, not a list of names. */
  private static boolean isPermissionObject(JsonNode names) {
    return names.isObject() && names.size() == 1 && names.path("modify_guardrails").isBoolean();
  }

  private static ArrayNode names(JsonNode names, String param) {
    if (!names.isArray()) {
      throw ApiError.badRequest(NOT_A_LIST, param);
    }
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (JsonNode n : names) {
      if (!n.isTextual() || n.asText().isBlank()) {
        throw ApiError.badRequest(NOT_A_LIST, param);
      }
      EntityFields.noNul(param, n.asText());
      list.add(n.asText());
    }
    return list;
  }
}
