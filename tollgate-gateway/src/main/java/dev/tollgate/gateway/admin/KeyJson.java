package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.keys.ModelBudget;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import java.time.Instant;

/** Virtual keys in LiteLLM's response shapes; times as ISO-8601 UTC strings, as LiteLLM serializes datetimes. */
final class KeyJson {
  private KeyJson() {}

  /** The stored row, as {@code /key/info}'s {@code info} and {@code /key/list?return_full_object=true} show it. */
  static ObjectNode info(VirtualKey k) {
    ObjectNode o = Json.object();
    o.put("key_name", k.keyName());
    o.put("key_alias", k.keyAlias());
    o.put("spend", k.spend());
    time(o, "expires", k.expires());
    o.set("models", Json.MAPPER.valueToTree(k.models()));
    o.set("aliases", Json.MAPPER.valueToTree(k.aliases()));
    o.putObject("config");
    o.put("user_id", k.userId());
    o.put("team_id", k.teamId());
    o.put("organization_id", k.organizationId());
    o.putObject("permissions");
    o.put("max_parallel_requests", k.maxParallelRequests());
    o.set("metadata", k.metadata().deepCopy());
    o.set("tags", Json.MAPPER.valueToTree(k.tags()));
    o.put("blocked", k.blocked());
    o.put("tpm_limit", k.tpmLimit());
    o.put("rpm_limit", k.rpmLimit());
    o.set("model_rpm_limit", Json.MAPPER.valueToTree(k.modelRpmLimit()));
    o.set("model_tpm_limit", Json.MAPPER.valueToTree(k.modelTpmLimit()));
    o.set("model_max_budget", ModelBudget.toJson(k.modelMaxBudget()));
    o.put("max_budget", k.maxBudget());
    o.put("soft_budget", k.softBudget());
    o.put("budget_duration", k.budgetDuration());
    time(o, "budget_reset_at", k.budgetResetAt());
    o.set("allowed_routes", Json.MAPPER.valueToTree(k.allowedRoutes()));
    o.set("allowed_cache_controls", Json.MAPPER.valueToTree(k.allowedCacheControls()));
    o.put("key_type", k.keyType());
    o.put("rotation_count", k.rotationCount());
    time(o, "created_at", k.createdAt());
    o.put("created_by", k.createdBy());
    time(o, "updated_at", k.updatedAt());
    o.put("updated_by", k.updatedBy());
    return o;
  }

  /** The row with its hash as {@code token} (block, unblock, update and list replies). */
  static ObjectNode withToken(VirtualKey k) {
    ObjectNode o = Json.object();
    o.put("token", k.token());
    o.setAll(info(k));
    return o;
  }

  /**
   * {@code /key/generate} and {@code /key/regenerate}: the row plus the plaintext {@code key} (shown only here),
   * {@code token} and {@code token_id} (the hash), and the requested {@code duration}.
   */
  static ObjectNode generated(VirtualKey k, String plaintext, String duration) {
    ObjectNode o = Json.object();
    o.put("key", plaintext);
    o.put("token", k.token());
    o.put("token_id", k.token());
    o.put("duration", duration);
    o.setAll(info(k));
    o.putNull("litellm_budget_table");
    return o;
  }

  private static void time(ObjectNode o, String field, Long millis) {
    if (millis == null) {
      o.putNull(field);
    } else {
      o.put(field, Instant.ofEpochMilli(millis).toString());
    }
  }
}
