package dev.tollgate.gateway.models;


import dev.tollgate.core.router.ModelGroups;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.LitellmParams;
import dev.tollgate.providers.prices.ModelPrice;
import dev.tollgate.providers.types.Json;
import java.time.Instant;

/**
 * Deployments in LiteLLM's {@code /model/info} shape: {@code model_name}, {@code litellm_params} without credentials
 * ({@link SecretBox#SECRET_PARAMS} are left out, as LiteLLM strips them), and {@code model_info} with {@code id},
 * {@code db_model} and what the price table knows (prices, {@code max_tokens}, {@code mode}, {@code supports_*}),
 * the deployment's own values winning.
 */
public final class ModelJson {
  private ModelJson() {}

  public static ObjectNode info(ModelEntry e, RouteResolver router) {
    ObjectNode out = Json.object();
    out.put("model_name", e.deployment().modelName());
    out.set("litellm_params", withoutSecrets(params(e)));
    ObjectNode info = Json.object();
    prices(e, router).ifPresent(p -> info.setAll(p.toJson()));
    e.config().modelInfo().values().forEach(info::set);
    info.put("id", e.id());
    info.put("db_model", e.dbModel());
    if (e.dbModel()) {
      info.put("created_at", Instant.ofEpochMilli(e.stored().createdAt()).toString());
      info.put("created_by", e.stored().createdBy());
      info.put("updated_at", Instant.ofEpochMilli(e.stored().updatedAt()).toString());
      info.put("updated_by", e.stored().updatedBy());
    }
    out.set("model_info", info);
    return out;
  }

  /** A stored row as {@code /model/new} and {@code /model/update} answer (LiteLLM_ProxyModelTable, no secrets). */
  public static ObjectNode row(StoredModel m) {
    ObjectNode out = Json.object();
    out.put("model_id", m.modelId());
    out.put("model_name", m.modelName());
    out.set("litellm_params", withoutSecrets(m.litellmParams()));
    out.set("model_info", m.modelInfo());
    out.put("created_at", Instant.ofEpochMilli(m.createdAt()).toString());
    out.put("created_by", m.createdBy());
    out.put("updated_at", Instant.ofEpochMilli(m.updatedAt()).toString());
    out.put("updated_by", m.updatedBy());
    return out;
  }

  /** The deployment's {@code litellm_params} as {@code /model/info} shows them: credentials left out. */
  public static ObjectNode publicParams(ModelEntry e) {
    return withoutSecrets(params(e));
  }

  /**
   * The deployment's {@code litellm_params} in plaintext, credentials included: never sent to a client, only used as
   * the base that a {@code /health/test_connection} body is laid over.
   *
   * @throws IllegalStateException when a stored model's credentials do not decrypt with {@code secrets}
   */
  public static ObjectNode paramsWithSecrets(ModelEntry e, SecretBox secrets) {
    if (e.dbModel()) {
      return secrets.open(e.stored().litellmParams());
    }
    ObjectNode out = params(e);
    putText(out, "api_key", e.config().litellmParams().apiKey());
    return out;
  }

  private static java.util.Optional<ModelPrice> prices(ModelEntry e, RouteResolver router) {
    ModelPrice own = e.deployment().price();
    ModelPrice table = null;
    if (!e.deployment().isWildcard() && !e.deployment().litellmModel().contains("*")) {
      try {
        Route route = router.resolve(new ModelGroups.Pick(e.deployment(), e.deployment().modelName()));
        String key = e.deployment().baseModel() != null ? e.deployment().baseModel() : route.target().model();
        table = router.costs().prices().lookup(route.providerName(), key)
            .orElse(null);
      } catch (RuntimeException unknownProvider) {
        table = null;
      }
    }
    return java.util.Optional.ofNullable(own != null ? own.over(table) : table);
  }

  private static ObjectNode params(ModelEntry e) {
    if (e.dbModel()) {
      return e.stored().litellmParams();
    }
    LitellmParams p = e.config().litellmParams();
    ObjectNode out = Json.object();
    out.put("model", p.model());
    putText(out, "api_base", p.apiBase());
    putText(out, "api_version", p.apiVersion());
    putText(out, "custom_llm_provider", p.customLlmProvider());
    putText(out, "organization", p.organization());
    putNumber(out, "timeout", p.timeout());
    putNumber(out, "stream_timeout", p.streamTimeout());
    putNumber(out, "max_retries", p.maxRetries());
    putNumber(out, "num_retries", p.numRetries());
    putNumber(out, "rpm", p.rpm());
    putNumber(out, "tpm", p.tpm());
    putNumber(out, "weight", p.weight());
    putNumber(out, "order", p.order());
    putNumber(out, "max_parallel_requests", p.maxParallelRequests());
    putNumber(out, "cooldown_time", p.cooldownTime());
    putNumber(out, "allowed_fails", p.allowedFails());
    if (p.dropParams() != null) {
      out.put("drop_params", p.dropParams());
    }
    if (!p.tags().isEmpty()) {
      ArrayNode tags = out.putArray("tags");
      p.tags().forEach(tags::add);
    }
    if (p.mockResponse() != null) {
      out.set("mock_response", p.mockResponse());
    }
    p.extra().forEach(out::set);
    return out;
  }

  private static ObjectNode withoutSecrets(ObjectNode params) {
    ObjectNode out = params.deepCopy();
    out.remove(SecretBox.SECRET_PARAMS);
    return out;
  }

  private static void putText(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  private static void putNumber(ObjectNode o, String name, Number value) {
    if (value != null) {
      o.set(name, Json.MAPPER.valueToTree(value));
    }
  }
}
