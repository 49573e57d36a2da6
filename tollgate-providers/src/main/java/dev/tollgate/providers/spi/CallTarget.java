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
    boolean dropParams) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

  public CallTarget {
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  public static CallTarget of(String provider, String model) {
    return new CallTarget(provider, model, null, null, null, null, null, null, false);
  }

  public CallTarget withApiBase(String base) {
    return new CallTarget(provider, model, base, apiKey, apiVersion, timeout, headers, params, dropParams);
  }

  public CallTarget withApiKey(String key) {
    return new CallTarget(provider, model, apiBase, key, apiVersion, timeout, headers, params, dropParams);
  }

  public CallTarget withApiVersion(String version) {
    return new CallTarget(provider, model, apiBase, apiKey, version, timeout, headers, params, dropParams);
  }

  public CallTarget withTimeout(Duration newTimeout) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, newTimeout, headers, params, dropParams);
  }

  public CallTarget withHeaders(Map<String, String> newHeaders) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, timeout, newHeaders, params, dropParams);
  }

  public CallTarget withDropParams(boolean drop) {
    return new CallTarget(provider, model, apiBase, apiKey, apiVersion, timeout, headers, params, drop);
  }
}
