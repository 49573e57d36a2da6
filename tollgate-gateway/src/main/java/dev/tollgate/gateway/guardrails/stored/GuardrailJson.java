package dev.tollgate.gateway.guardrails.stored;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.ConfiguredGuardrail;
import dev.tollgate.gateway.guardrails.GuardrailRoutes;
import dev.tollgate.providers.types.Json;
import java.time.Instant;

/**
 * Guardrails in the shapes of LiteLLM's management routes. Credentials ({@link GuardrailSecrets#NAMES}) are left out
 * of every answer; times are ISO-8601 UTC, as LiteLLM's {@code created_at} / {@code updated_at}.
 */
public final class GuardrailJson {
  /** {@code guardrail_definition_location} of a stored guardrail. */
  public static final String DB = "db";
  /** {@code guardrail_definition_location} of a config-file guardrail. */
  public static final String CONFIG = "config";

  private GuardrailJson() {}

  /**
   * A stored guardrail as {@code POST /guardrails}, {@code PUT} and {@code PATCH /guardrails/{id}} answer:
   * {@code guardrail_id}, {@code guardrail_name}, {@code litellm_params} (without credentials; {@code default_on}
   * false unless set, as LiteLLM fills it in), {@code guardrail_info}, {@code created_at}, {@code updated_at}.
   */
  public static ObjectNode row(StoredGuardrail g) {
    ObjectNode out = Json.object();
    out.put("guardrail_id", g.guardrailId());
    out.put("guardrail_name", g.guardrailName());
    out.set("litellm_params", publicParams(g.litellmParams()));
    out.set("guardrail_info", g.guardrailInfo().deepCopy());
    out.put("created_at", Instant.ofEpochMilli(g.createdAt()).toString());
    out.put("updated_at", Instant.ofEpochMilli(g.updatedAt()).toString());
    return out;
  }

  /** {@code GET /guardrails/{id}} of a stored guardrail: {@link #row} plus {@code guardrail_definition_location}. */
  public static ObjectNode info(StoredGuardrail g) {
    return row(g).put("guardrail_definition_location", DB);
  }

  /**
   * {@code GET /guardrails/{id}} of a config-file guardrail, whose id is its name: its params without credentials,
   * no times.
   */
  public static ObjectNode info(ConfiguredGuardrail g) {
    ObjectNode out = Json.object();
    out.put("guardrail_id", g.name());
    out.put("guardrail_name", g.name());
    ObjectNode params = publicParams(g.params());
    params.set("mode", GuardrailRoutes.item(g).at("/litellm_params/mode"));
    out.set("litellm_params", params);
    out.set("guardrail_info", g.info() == null ? Json.object() : g.info().deepCopy());
    out.put("guardrail_definition_location", CONFIG);
    return out;
  }

  /**
   * A stored guardrail in {@code /v2/guardrails/list}: {@code guardrail_id}, {@code guardrail_name},
   * {@code litellm_params} with only {@code guardrail}, {@code mode} and {@code default_on} (as for config ones),
   * {@code guardrail_info}, the times and {@code guardrail_definition_location: "db"}.
   */
  public static ObjectNode listed(StoredGuardrail g) {
    ObjectNode out = Json.object();
    out.put("guardrail_id", g.guardrailId());
    out.put("guardrail_name", g.guardrailName());
    ObjectNode params = out.putObject("litellm_params");
    params.put("guardrail", g.litellmParams().path("guardrail").asText(""));
    JsonNode mode = g.litellmParams().get("mode");
    params.set("mode", mode == null || mode.isNull() ? Json.MAPPER.getNodeFactory().textNode("pre_call") : mode);
    params.put("default_on", g.litellmParams().path("default_on").asBoolean(false));
    out.set("guardrail_info", g.guardrailInfo().deepCopy());
    out.put("created_at", Instant.ofEpochMilli(g.createdAt()).toString());
    out.put("updated_at", Instant.ofEpochMilli(g.updatedAt()).toString());
    out.put("guardrail_definition_location", DB);
    return out;
  }

  /** A config-file guardrail in {@code /v2/guardrails/list}: its id is its name. */
  public static ObjectNode listed(ConfiguredGuardrail g) {
    ObjectNode item = Json.object();
    item.put("guardrail_id", g.name());
    item.setAll(GuardrailRoutes.item(g));
    item.put("guardrail_definition_location", CONFIG);
    return item;
  }

  private static ObjectNode publicParams(JsonNode params) {
    ObjectNode out = GuardrailSecrets.without(params);
    if (!out.has("default_on")) {
      out.put("default_on", false);
    }
    return out;
  }
}
