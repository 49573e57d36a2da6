package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.auth.AllowedRoutes;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.Durations;
import dev.tollgate.gateway.keys.ModelBudget;
import dev.tollgate.gateway.keys.VirtualKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key fields of {@code /key/generate}, {@code /key/update} and {@code /key/regenerate} bodies: checks each one's
 * type and range and applies it to a key. Unknown fields are a 400 naming the field (with a suggestion when it looks
 * like a typo). LiteLLM fields Tollgate does not act on yet are accepted only when they ask for nothing (null, false,
 * empty); otherwise a 400 says they are not supported, so nothing is silently ignored.
 */
final class KeyFields {
  /** Fields that set a key attribute, shared by generate, update and regenerate. */
  static final Set<String> SETTABLE = Set.of("key_alias", "duration", "models", "aliases", "max_budget",
      "soft_budget", "budget_duration", "rpm_limit", "tpm_limit", "max_parallel_requests", "metadata", "tags",
      "team_id", "user_id", "organization_id", "key_type", "allowed_routes", "blocked", "spend", "model_rpm_limit",
      "model_tpm_limit", "model_max_budget", "allowed_cache_controls", "guardrails", "disable_global_guardrails");
  /** LiteLLM request fields not acted on yet: allowed only with a value that asks for nothing. */
  static final Set<String> NOT_YET = Set.of("budget_id", "project_id", "agent_id", "config", "permissions",
      "policies",
      "prompts", "enforced_params", "send_invite_email", "auto_rotate", "rotation_interval", "object_permission",
      "rpm_limit_type", "tpm_limit_type", "budget_limits", "router_settings", "access_group_ids",
      "allowed_passthrough_routes", "allowed_vector_store_indexes",
      "enable_prompt_caching", "throttle_on_budget_exceeded", "budget_fallbacks", "mcp_rpm_limit", "tag_rpm_limit",
      "default_estimated_output_tokens", "default_estimated_output_tokens_per_model", "temp_budget_increase",
      "temp_budget_expiry", "soft_budget_cooldown");
  /** The {@code duration} that removes a key's expiry ({@code /key/update}, as LiteLLM). */
  static final String NEVER = "-1";
  private static final Set<String> KEY_TYPES = Set.of("default", "llm_api", "management", "read_only");

  private KeyFields() {}

  /** Rejects fields outside {@code allowed} (plus {@link #SETTABLE} and {@link #NOT_YET}) and unsupported values. */
  static void check(ObjectNode body, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String name = field.getKey();
      if (allowed.contains(name) || SETTABLE.contains(name)) {
        continue;
      }
      if (NOT_YET.contains(name)) {
        if (asksForNothing(field.getValue())) {
          continue;
        }
        throw ApiError.badRequest("'" + name + "' is not supported by Tollgate yet; remove it or send null", name);
      }
      List<String> known = new ArrayList<>(SETTABLE);
      known.addAll(allowed);
      String hint = Suggest.closest(name, known);
      throw ApiError.badRequest("unknown field '" + name + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"),
          name);
    }
  }

  /** Applies every settable field present in {@code body} to {@code b}; {@code now} anchors durations. */
  static void apply(ObjectNode body, VirtualKey.Builder b, long now) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String name = field.getKey();
      JsonNode v = field.getValue();
      switch (name) {
        case "key_alias" -> b.keyAlias = string(name, v);
        case "user_id" -> b.userId = string(name, v);
        case "team_id" -> b.teamId = string(name, v);
        case "organization_id" -> b.organizationId = string(name, v);
        case "key_type" -> {
          String type = string(name, v);
          if (type != null && !KEY_TYPES.contains(type)) {
            throw ApiError.badRequest("'key_type' must be one of " + KEY_TYPES + ", got '" + type + "'", name);
          }
          b.keyType = type;
        }
        case "duration" -> { // a new expiry counted from now; "-1" (LiteLLM's) or null: never expires
          String d = string(name, v);
          b.expires = d == null || d.strip().equals(NEVER) ? null : Durations.after(now, duration(name, d));
        }
        case "budget_duration" -> {
          String d = string(name, v);
          b.budgetDuration = d == null ? null : duration(name, d);
          b.budgetResetAt = d == null ? null : Durations.after(now, d);
        }
        case "models" -> b.models = strings(name, v);
        case "tags" -> b.tags = strings(name, v);
        case "allowed_cache_controls" -> b.allowedCacheControls = strings(name, v);
        case "allowed_routes" -> {
          b.allowedRoutes = strings(name, v);
          if (b.allowedRoutes != null) {
            AllowedRoutes.validate(name, b.allowedRoutes);
          }
        }
        case "aliases" -> b.aliases = stringMap(name, v);
        case "metadata" -> b.metadata = v == null || v.isNull() ? null : object(name, v);
        case "max_budget" -> b.maxBudget = money(name, v);
        case "soft_budget" -> b.softBudget = money(name, v);
        case "spend" -> {
          Double spend = money(name, v);
          b.spend = spend == null ? 0 : spend;
        }
        case "rpm_limit" -> b.rpmLimit = count(name, v);
        case "model_rpm_limit" -> b.modelRpmLimit = countMap(name, v);
        case "model_tpm_limit" -> b.modelTpmLimit = countMap(name, v);
        case "model_max_budget" -> {
          try {
            b.modelMaxBudget = ModelBudget.parse(v);
          } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("'model_max_budget': " + e.getMessage(), name);
          }
        }
        case "tpm_limit" -> b.tpmLimit = count(name, v);
        case "max_parallel_requests" -> {
          Long n = count(name, v);
          if (n != null && n > Integer.MAX_VALUE) {
            throw ApiError.badRequest("'max_parallel_requests' is too large", name);
          }
          b.maxParallelRequests = n == null ? null : n.intValue();
        }
        case "blocked" -> {
          if (!v.isNull() && !v.isBoolean()) {
            throw ApiError.badRequest("'blocked' must be true or false", name);
          }
          b.blocked = v.asBoolean(false);
        }
        default -> { }
      }
    }
    if (GuardrailFields.present(body)) {
      b.metadata = GuardrailFields.merged(body, b.metadata);
    }
  }

  static String string(String name, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.badRequest("'" + name + "' must be a string", name);
    }
    return v.asText();
  }

  private static String duration(String name, String d) {
    if (!Durations.isValid(d)) {
      throw ApiError.badRequest("'" + name + "': " + Durations.describe(d), name);
    }
    return d.strip();
  }

  private static List<String> strings(String name, JsonNode v) {
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw ApiError.badRequest("'" + name + "' must be an array of strings", name);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw ApiError.badRequest("'" + name + "' must be an array of strings", name);
      }
      out.add(item.asText());
    }
    return out;
  }

  private static Map<String, String> stringMap(String name, JsonNode v) {
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw ApiError.badRequest("'" + name + "' must be an object of strings, e.g. {\"gpt-4\": \"gpt-4o\"}", name);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isTextual()) {
        throw ApiError.badRequest("'" + name + "." + e.getKey() + "' must be a string", name);
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** A model-to-limit object such as {@code {"gpt-4o": 10}}; null or {@code {}} clears it. */
  private static Map<String, Long> countMap(String name, JsonNode v) {
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw ApiError.badRequest("'" + name + "' must be an object of model name to limit, e.g. {\"gpt-4o\": 10}",
          name);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      Long limit = count(name + "." + e.getKey(), e.getValue());
      if (limit == null) {
        throw ApiError.badRequest("'" + name + "." + e.getKey() + "' must be a whole number", name);
      }
      out.put(e.getKey(), limit);
    }
    return out;
  }

  private static ObjectNode object(String name, JsonNode v) {
    if (!v.isObject()) {
      throw ApiError.badRequest("'" + name + "' must be an object", name);
    }
    return (ObjectNode) v.deepCopy();
  }

  private static Double money(String name, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw ApiError.badRequest("'" + name + "' must be a number (USD)", name);
    }
    double d = v.asDouble();
    if (!(d >= 0) || Double.isInfinite(d)) {
      throw ApiError.badRequest("'" + name + "' must not be negative, got " + v.asText(), name);
    }
    return d;
  }

  private static Long count(String name, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
      throw ApiError.badRequest("'" + name + "' must be a whole number", name);
    }
    long n = v.asLong();
    if (n < 0) {
      throw ApiError.badRequest("'" + name + "' must not be negative, got " + n, name);
    }
    return n;
  }

  private static boolean asksForNothing(JsonNode v) {
    return v == null || v.isNull() || (v.isBoolean() && !v.asBoolean()) || (v.isContainerNode() && v.isEmpty())
        || (v.isTextual() && v.asText().isEmpty());
  }
}
