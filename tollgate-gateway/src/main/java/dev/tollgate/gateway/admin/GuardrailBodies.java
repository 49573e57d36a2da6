package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the bodies of LiteLLM's guardrail management routes, checking their shape before any work:
 * {@code POST /guardrails} and {@code PUT /guardrails/{id}} take {@code {"guardrail": {guardrail_name,
 * litellm_params, guardrail_info}}}; {@code PATCH /guardrails/{id}} takes {@code {guardrail_name?, litellm_params?,
 * guardrail_info?}}. Each problem is a 400 naming the field. What the params mean is checked by building the
 * guardrail ({@link dev.tollgate.gateway.guardrails.stored.GuardrailCheck}).
 */
final class GuardrailBodies {
  /** Fields of a guardrail object; the last four are what a GET answers and a client may send back: ignored. */
  private static final Set<String> GUARDRAIL_FIELDS = Set.of("guardrail_name", "litellm_params", "guardrail_info",
      "guardrail_id", "created_at", "updated_at", "guardrail_definition_location");
  private static final Set<String> PATCH_FIELDS = Set.of("guardrail_name", "litellm_params", "guardrail_info");

  private GuardrailBodies() {}

  /** A whole guardrail: its name, its {@code litellm_params} and its {@code guardrail_info} (null when absent). */
  record Definition(String name, ObjectNode params, ObjectNode info) {}

  /** A partial change; null fields are not changed. */
  record Patch(String name, ObjectNode params, ObjectNode info) {}

  /** The {@code guardrail} object of a create or replace body. */
  static Definition definition(ObjectNode body) {
    only(body, Set.of("guardrail"), "", "a body has one field, 'guardrail'");
    JsonNode g = body.get("guardrail");
    if (!(g instanceof ObjectNode guardrail)) {
      throw ApiError.badRequest("'guardrail' is required: {\"guardrail_name\": ..., \"litellm_params\": "
          + "{\"guardrail\": ..., \"mode\": ...}, \"guardrail_info\": {...}}", "guardrail");
    }
    only(guardrail, GUARDRAIL_FIELDS, "guardrail.", "a guardrail has guardrail_name, litellm_params and guardrail_info");
    String name = name(guardrail, "guardrail.guardrail_name");
    if (name == null) {
      throw ApiError.badRequest("'guardrail.guardrail_name' is required: the name requests and keys use",
          "guardrail.guardrail_name");
    }
    ObjectNode params = object(guardrail, "litellm_params", "guardrail.litellm_params");
    if (params == null) {
      throw ApiError.badRequest("'guardrail.litellm_params' is required: {\"guardrail\": <integration id>, "
          + "\"mode\": ...}", "guardrail.litellm_params");
    }
    return new Definition(name, params, object(guardrail, "guardrail_info", "guardrail.guardrail_info"));
  }

  /** A {@code PATCH} body. */
  static Patch patch(ObjectNode body) {
    only(body, PATCH_FIELDS, "", "a change has guardrail_name, litellm_params and guardrail_info");
    return new Patch(name(body, "guardrail_name"), object(body, "litellm_params", "litellm_params"),
        object(body, "guardrail_info", "guardrail_info"));
  }

  /** {@code base} with every field of {@code changes} set; a {@code null} value removes the field. */
  static ObjectNode merge(ObjectNode base, ObjectNode changes) {
    ObjectNode out = base.deepCopy();
    changes.properties().forEach(e -> {
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  private static void only(ObjectNode body, Set<String> allowed, String prefix, String hint) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiError.badRequest("unknown field '" + prefix + name + "': " + hint, prefix + name);
      }
    }
  }

  private static String name(ObjectNode body, String param) {
    JsonNode v = body.get(param.substring(param.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ApiError.badRequest("'" + param + "' must be a non-empty string", param);
    }
    if (v.asText().length() > 200 || !v.asText().equals(v.asText().strip())) {
      throw ApiError.badRequest("'" + param + "' must be at most 200 characters, without spaces around it", param);
    }
    return v.asText();
  }

  /** The named object, or null when absent or null; 400 when it is something else. */
  private static ObjectNode object(ObjectNode body, String field, String param) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!(v instanceof ObjectNode o)) {
      throw ApiError.badRequest("'" + param + "' must be an object", param);
    }
    return o.deepCopy();
  }

  /** {@code info}, or an empty object. */
  static ObjectNode orEmpty(ObjectNode info) {
    return info == null ? Json.object() : info;
  }
}
