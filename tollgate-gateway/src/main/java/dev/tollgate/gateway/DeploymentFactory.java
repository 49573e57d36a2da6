package dev.tollgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.DeploymentConfig;
import dev.tollgate.gateway.config.LitellmParams;
import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.DeploymentRouting;
import dev.tollgate.providers.prices.ModelPrice;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ProviderSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import dev.tollgate.gateway.upstream.UpstreamTls;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Turns {@code model_list} entries into deployments with call-target templates. */
public final class DeploymentFactory {
  /**
   * {@code litellm_params} keys that configure Tollgate or a cloud SDK, not the provider's request body; every other
   * untyped key (temperature, max_tokens, custom upstream params) is sent as a request default.
   */
  static final Set<String> NOT_REQUEST_PARAMS = Set.of(
      "region_name", "input_cost_per_token", "output_cost_per_token", "input_cost_per_second",
      "output_cost_per_second", "max_budget", "budget_duration", "litellm_credential_name",
      "configurable_clientside_auth_params", "use_in_pass_through", "tag_regex", "max_parallel_requests",
      "cooldown_time", "itpm", "otpm", "extra_headers", "headers", "base_model", "merge_reasoning_content_in_choices",
      "vertex_project", "vertex_location", "vertex_credentials", "aws_access_key_id", "aws_secret_access_key",
      "aws_session_token", "aws_region_name", "aws_role_name", "aws_session_name", "aws_profile_name",
      "aws_web_identity_token", "aws_sts_endpoint", "aws_bedrock_runtime_endpoint", "tenant_id", "client_id",
      "client_secret", "azure_ad_token", "azure_username", "azure_password", "azure_scope", "watsonx_region_name",
      "s3_bucket_name", "s3_region_name", "s3_encryption_key_id", "litellm_trace_id");

  private DeploymentFactory() {}

  public static Deployment create(DeploymentConfig entry, Duration defaultTimeout) {
    LitellmParams p = entry.litellmParams();
    Map<String, JsonNode> params = new LinkedHashMap<>();
    p.extra().forEach((key, value) -> {
      if (value != null && !value.isNull() && !NOT_REQUEST_PARAMS.contains(key)
          && !ProviderSettings.NAMES.contains(key)) {
        params.put(key, value);
      }
    });
    if (p.mockResponse() != null && !p.mockResponse().isNull()) {
      params.put("mock_response", p.mockResponse());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode extraHeaders = p.extra().get("extra_headers");
    if (extraHeaders != null && extraHeaders.isObject()) {
      extraHeaders.fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    }
    if (p.organization() != null) {
      headers.put("openai-organization", p.organization());
    }
    Duration timeout = p.timeout() != null ? seconds(p.timeout()) : defaultTimeout;
    JsonNode sslVerify = p.extra().get("ssl_verify");
    if (sslVerify != null && !sslVerify.isNull()) { // checked now: a bad value fails the config, not each call
      UpstreamTls.read(sslVerify, "litellm_params.ssl_verify of " + entry.modelName());
    }
    // cloud settings (aws_*, vertex_*) stay out of request bodies but reach the adapter
    CallTarget template = new CallTarget(null, null, p.apiBase(), p.apiKey(), p.apiVersion(), timeout, headers,
        params, Boolean.TRUE.equals(p.dropParams()), ProviderSettings.pick(p.extra()));
    String id = entry.modelInfo() != null && entry.modelInfo().id() != null
        ? entry.modelInfo().id()
        : stableId(entry.modelName(), p);
    return new Deployment(entry.modelName(), id, p.model(), p.customLlmProvider(), template, price(entry),
        entry.modelInfo().baseModel(), routing(entry));
  }

  /**
   * What the router reads from a deployment: {@code rpm}, {@code tpm}, {@code weight}, {@code order}, {@code tags},
   * {@code max_parallel_requests}, {@code timeout}, {@code stream_timeout}, {@code num_retries},
   * {@code cooldown_time}, {@code allowed_fails} from {@code litellm_params}, and {@code model_info.max_input_tokens}.
   * Unset values stay null (the router's defaults apply); the timeout here is the deployment's own, not the default.
   */
  static DeploymentRouting routing(DeploymentConfig entry) {
    LitellmParams p = entry.litellmParams();
    JsonNode window = entry.modelInfo().get("max_input_tokens");
    return new DeploymentRouting(p.rpm(), p.tpm(), p.weight(), p.order(), p.tags(), p.maxParallelRequests(),
        p.timeout() == null ? null : seconds(p.timeout()),
        p.streamTimeout() == null ? null : seconds(p.streamTimeout()),
        p.numRetries(),
        p.cooldownTime() == null ? null : seconds(p.cooldownTime()),
        p.allowedFails(),
        window == null ? null : wholeNumber(window));
  }

  /** {@code model_info.max_input_tokens}, checked by the config loader, may be written as a numeric string. */
  private static Integer wholeNumber(JsonNode value) {
    if (value.isNumber()) {
      return value.intValue();
    }
    return new java.math.BigDecimal(value.asText().trim().replace("_", "")).intValue();
  }

  /** The price keys LiteLLM reads from a deployment's {@code model_info} or {@code litellm_params}. */
  static final Set<String> PRICE_KEYS = Set.of(
      "input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost",
      "cache_creation_input_token_cost", "input_cost_per_token_above_128k_tokens",
      "output_cost_per_token_above_128k_tokens", "input_cost_per_token_above_200k_tokens",
      "output_cost_per_token_above_200k_tokens", "cache_read_input_token_cost_above_200k_tokens",
      "cache_creation_input_token_cost_above_200k_tokens");

  /**
   * The deployment's own prices, {@code litellm_params} over {@code model_info} (LiteLLM lets either carry them), or
   * null when neither gives a price. Read once here so that no request parses config.
   */
  static ModelPrice price(DeploymentConfig entry) {
    com.fasterxml.jackson.databind.node.ObjectNode node = dev.tollgate.providers.types.Json.object();
    entry.modelInfo().values().forEach((key, value) -> putPrice(node, key, value));
    entry.litellmParams().extra().forEach((key, value) -> putPrice(node, key, value));
    if (node.isEmpty()) {
      return null;
    }
    return ModelPrice.fromJson(node);
  }

  /** Numbers, and numbers written as strings ({@code "1e-6"} is a string to YAML 1.1). */
  private static void putPrice(com.fasterxml.jackson.databind.node.ObjectNode node, String key, JsonNode value) {
    if (!PRICE_KEYS.contains(key) || value == null || value.isNull()) {
      return;
    }
    if (value.isNumber()) {
      node.put(key, value.doubleValue());
    } else if (value.isTextual()) {
      try {
        node.put(key, Double.parseDouble(value.asText().trim().replace("_", "")));
      } catch (NumberFormatException e) {
        throw new ConfigException(
            "model_list: '" + key + "' must be a number of USD per token, got '" + value.asText() + "'");
      }
    }
  }

  static Duration seconds(double seconds) {
    return Duration.ofMillis((long) (seconds * 1000));
  }

  /** A deterministic id from the deployment's name, model and endpoint (never from its key). */
  private static String stableId(String modelName, LitellmParams p) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String basis = modelName + "\n" + p.model() + "\n" + (p.apiBase() == null ? "" : p.apiBase()) + "\n"
          + (p.apiVersion() == null ? "" : p.apiVersion()) + "\n" + p.extra();
      return HexFormat.of().formatHex(sha.digest(basis.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
