package dev.tollgate.providers.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how one call goes: the provider, the provider's own model name, credentials and endpoint (already resolved
 * from config and environment), the timeout, extra headers, deployment-level parameters that act as request defaults,
 * and provider settings.
 *
 * @param params deployment parameters sent as request defaults (temperature, max_tokens, custom upstream fields)
 * @param dropParams drop parameters the provider rejects instead of failing with {@code UnsupportedParamsError}
 * @param settings provider configuration that is never sent in a request body: cloud region, cloud credentials and
 *     endpoint overrides such as {@code aws_region_name} or {@code vertex_project} (the names are
 *     {@link ProviderSettings#NAMES}); adapters read what they need with {@link #setting(String)}
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

  /** A target without provider settings (most providers need none). */
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
    return new CallTarget(provider, model, null, null, null, null, null, null, false, null);
  }

  /** This target (a deployment's template) for a resolved provider and model, everything else kept. */
  public CallTarget forModel(String newProvider, String newModel) {
    return new CallTarget(newProvider, newModel, apiBase, apiKey, apiVersion, timeout, headers, params, dropParams,
        settings);
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
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, newTimeout, headers, params, dropParams,
        settings);
  }

  public CallTarget withHeaders(Map<String, String> newHeaders) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, timeout, newHeaders, params, dropParams,
        settings);
  }

  public CallTarget withDropParams(boolean drop) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, timeout, headers, params, drop, settings);
  }

  public CallTarget withSettings(Map<String, JsonNode> newSettings) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, timeout, headers, params, dropParams,
        newSettings);
  }

  /** A provider setting as text (a JSON object setting, e.g. inline credentials, as its JSON), or null when unset. */
  public String setting(String name) {
    JsonNode value = settings.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /** Keeps credentials out of logs: names of set headers and settings only. */
  @Override
  public String toString() {
    return "CallTarget[" + provider + "/" + model + ", apiBase=" + apiBase + ", apiKey="
        + (apiKey == null ? "unset" : "set")
        + ", apiVersion=" + apiVersion + ", timeout=" + timeout + ", headers=" + headers.keySet() + ", params="
        + params.keySet() + ", dropParams=" + dropParams + ", settings=" + settings.keySet() + "]";
  }
}
