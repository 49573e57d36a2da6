package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.entities.Column;
import dev.tollgate.gateway.entities.EntityTable;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.Durations;
import dev.tollgate.providers.types.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the body of a {@code /user|team|organization|customer|budget} create or update against its table and turns
 * it into column values: every field's type and range is checked (a wrong one is a 400 naming it), unknown fields are
 * a 400 with a "did you mean", and LiteLLM fields Tollgate does not act on are accepted only when they ask for nothing
 * (null, false, empty). A {@code budget_duration} also sets {@code budget_reset_at}.
 */
final class EntityFields {
  /** LiteLLM request fields accepted on every entity body when they ask for nothing. */
  static final Set<String> NOT_YET = Set.of("object_permission", "guardrails", "policies", "prompts",
      "send_invite_email", "allowed_vector_store_indexes", "access_group_ids", "router_settings", "budget_limits",
      "team_member_budget", "team_member_rpm_limit", "team_member_tpm_limit", "team_member_key_duration",
      "allowed_passthrough_routes", "enforced_params", "config", "permissions", "aliases", "model_id",
      "sso_user_id", "allow_team_guardrail_config", "default_team_member_models", "object_permission_id",
      "budget_reset_at", "allowed_cache_controls", "disable_global_guardrails");

  private EntityFields() {}

  /**
   * The column values {@code body} sets on table {@code t}. Fields in {@code handled} are left to the caller (ids,
   * members, budget fields); anything else must be one of {@code t}'s settable columns.
   */
  static ObjectNode columns(EntityTable t, ObjectNode body, Set<String> handled, long now) {
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String name = field.getKey();
      JsonNode v = field.getValue();
      if (handled.contains(name)) {
        continue;
      }
      Column c = t.settable().contains(name) ? t.column(name) : null;
      if (c == null) {
        if (NOT_YET.contains(name) && asksForNothing(v)) {
          continue;
        }
        if (NOT_YET.contains(name)) {
          throw ApiError.badRequest("'" + name + "' is not supported by Tollgate yet; remove it or send null", name);
        }
        List<String> known = new ArrayList<>(t.settable());
        known.addAll(handled);
        String hint = Suggest.closest(name, known);
        throw ApiError.badRequest("unknown field '" + name + "' for a " + t.kind()
            + (hint == null ? "" : "; did you mean '" + hint + "'?"), name);
      }
      out.set(name, value(c, v));
      if (c.kind() == Column.Kind.DURATION && t.column("budget_reset_at") != null) {
        if (v.isNull()) {
          out.putNull("budget_reset_at");
        } else {
          out.put("budget_reset_at", Durations.after(now, v.asText()));
        }
      }
    }
    return out;
  }

  /** {@code v} checked and normalized for column {@code c}. */
  static JsonNode value(Column c, JsonNode v) {
    String name = c.name();
    if (v == null || v.isNull()) {
      return Json.MAPPER.getNodeFactory().nullNode();
    }
    switch (c.kind()) {
      case TEXT -> {
        if (!v.isTextual()) {
          throw ApiError.badRequest("'" + name + "' must be a string", name);
        }
        noNul(name, v.asText());
      }
      case DURATION -> {
        if (!v.isTextual() || !Durations.isValid(v.asText())) {
          throw ApiError.badRequest("'" + name + "': " + Durations.describe(v.isTextual() ? v.asText()
              : v.toString()), name);
        }
        return Json.MAPPER.getNodeFactory().textNode(v.asText().strip());
      }
      case LIST -> {
        if (!v.isArray()) {
          throw ApiError.badRequest("'" + name + "' must be an array of strings", name);
        }
        for (JsonNode item : v) {
          if (!item.isTextual()) {
            throw ApiError.badRequest("'" + name + "' must be an array of strings", name);
          }
        }
      }
      case OBJECT -> {
        if (!v.isObject()) {
          throw ApiError.badRequest("'" + name + "' must be an object", name);
        }
      }
      case MONEY -> {
        if (!v.isNumber()) {
          throw ApiError.badRequest("'" + name + "' must be a number (USD)", name);
        }
        double d = v.asDouble();
        if (!(d >= 0) || Double.isInfinite(d)) {
          throw ApiError.badRequest("'" + name + "' must not be negative, got " + v.asText(), name);
        }
      }
      case COUNT -> {
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
          throw ApiError.badRequest("'" + name + "' must be a whole number", name);
        }
        if (!v.canConvertToLong()) {
          throw ApiError.badRequest("'" + name + "' is too large", name);
        }
        if (v.asLong() < 0) {
          throw ApiError.badRequest("'" + name + "' must not be negative, got " + v.asLong(), name);
        }
        if (name.equals("max_parallel_requests") && v.asLong() > Integer.MAX_VALUE) {
          throw ApiError.badRequest("'max_parallel_requests' is too large", name);
        }
        return Json.MAPPER.getNodeFactory().numberNode(v.asLong());
      }
      case BOOL -> {
        if (!v.isBoolean()) {
          throw ApiError.badRequest("'" + name + "' must be true or false", name);
        }
      }
      case TIME -> throw ApiError.badRequest("'" + name + "' cannot be set", name);
    }
    return v.deepCopy();
  }

  /** A required, non-blank string field. */
  static String requiredId(ObjectNode body, String field, String what) {
    String id = optionalString(body, field);
    if (id == null || id.isBlank()) {
      throw ApiError.badRequest("'" + field + "' is required: " + what, field);
    }
    return id;
  }

  static String optionalString(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.badRequest("'" + field + "' must be a string", field);
    }
    noNul(field, v.asText());
    return v.asText();
  }

  /** PostgreSQL TEXT cannot hold U+0000; refuse it rather than fail in the database. */
  static void noNul(String field, String value) {
    if (value.indexOf('\u0000') >= 0) {
      throw ApiError.badRequest("'" + field + "' must not contain the NUL character", field);
    }
  }

  /** A non-empty array of non-blank strings. */
  static List<String> requiredIds(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull() || !v.isArray() || v.isEmpty()) {
      throw ApiError.badRequest("'" + field + "' is required: a non-empty array of ids", field);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw ApiError.badRequest("'" + field + "' must be an array of non-empty strings", field);
      }
      noNul(field, item.asText());
      out.add(item.asText());
    }
    return out;
  }

  /** Rejects any field but {@code allowed} (bodies with a fixed shape: delete, block, member calls). */
  static void only(ObjectNode body, Set<String> allowed) {
    for (String name : (Iterable<String>) () -> body.fieldNames()) {
      if (!allowed.contains(name)) {
        String hint = Suggest.closest(name, allowed);
        throw ApiError.badRequest("unknown field '" + name + "'; this call takes " + new java.util.TreeSet<>(allowed)
            + (hint == null ? "" : "; did you mean '" + hint + "'?"), name);
      }
    }
  }

  static boolean asksForNothing(JsonNode v) {
    return v == null || v.isNull() || (v.isBoolean() && !v.asBoolean()) || (v.isContainerNode() && v.isEmpty())
        || (v.isTextual() && v.asText().isEmpty());
  }
}
