package dev.tollgate.providers.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how one call goes: the provider, the provider's own model name, credentials and endpoint (already resolved
 * from config and environment), the timeout, extra headers, and deployment-level parameters that act as request
 * defaults.
 *
 * @param dropParams drop parameters the provider rejects instead of failing with {@code UnsupportedParamsError}
 * @param settings deployment settings that configure the adapter itself and are never sent as request fields, e.g.
 *     Vertex AI's {@code vertex_project}, {@code vertex_location} and {@code vertex_credentials}; empty for most
 *     providers
 */
public record CallTarget(
    String provider,
    String model,
    String apiBase,
    String apiKey,
    String apiVersion,
    Duration timeout,
    Map<String, String> headers,
    Map<String, JsonNode> params,
    boolean dropParams,
    Map<String, JsonNode> settings) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

  public CallTarget {
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    params = params == null ? Map.of() : Map.copyOf(params);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  /** A target without adapter settings (the form every OpenAI-compatible provider uses). */
  public CallTarget(
      String provider,
      String model,
      String apiBase,
      String apiKey,
      String apiVersion,
      Duration timeout,
      Map<String, String> headers,
      Map<String, JsonNode> params,
      boolean dropParams) {
    this(provider, model, apiBase, apiKey, apiVersion, timeout, headers, params, dropParams, null);
  }

  public static CallTarget of(String provider, String model) {
    return new CallTarget(provider, model, null, null, null, null, null, null, false);
  }

  public CallTarget withApiBase(String base) {
    return new CallTarget(provider, model, base, apiKey, apiVersion, timeout, headers, params, dropParams, settings);
  }

  public CallTarget withApiKey(String key) {
    return new CallTarget(provider, model, apiBase, key, apiVersion, timeout, headers, params, dropParams, settings);
  }

  public CallTarget withApiVersion(String version) {
    return new CallTarget(provider, model, apiBase, apiKey, version, timeout, headers, params, dropParams, settings);
  }

  public CallTarget withTimeout(Duration newTimeout) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, newTimeout, headers, params, dropParams, settings);
  }

  public CallTarget withHeaders(Map<String, String> newHeaders) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, timeout, newHeaders, params, dropParams, settings);
  }

  /** This template for another provider and model, keeping credentials, endpoint, params and settings. */
  public CallTarget forModel(String newProvider, String newModel) {
    return new CallTarget(newProvider, newModel, apiBase, apiKey, apiVersion, timeout, headers, params, dropParams,
        settings);
  }

  public CallTarget withSettings(Map<String, JsonNode> newSettings) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, timeout, headers, params, dropParams,
        newSettings);
  }

  /** A setting as text (a JSON object setting is written as JSON), or null when absent or JSON null. */
  public String setting(String name) {
    JsonNode value = settings.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  public CallTarget withDropParams(boolean drop) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, timeout, headers, params, drop, settings);
  }
}
