package dev.tollgate.gateway.http;

import dev.tollgate.core.router.RouteTrace;
import io.vertx.core.http.HttpServerResponse;

/**
 * The {@code x-litellm-*} response headers LiteLLM clients read: call id, the deployment ({@code x-litellm-model-id})
 * and model group that answered (on errors: were tried last), the deployment's api base, the retries and fallbacks the
 * router attempted, {@code x-litellm-max-fallbacks}, version and duration.
 */
public final class ProxyHeaders {
  public static final String VERSION = "0.1.0";

  private ProxyHeaders() {}

  /**
   * @param deploymentId null when no deployment was tried
   * @param apiBase the deployment's api base, or null
   * @param trace the router's trace, or null when the request never reached the router
   */
  public static void add(HttpServerResponse response, String callId, String modelGroup, String deploymentId,
      String apiBase, RouteTrace trace, int maxFallbacks, long startNanos) {
    if (response.headWritten()) {
      return;
    }
    if (callId != null) {
      response.putHeader("x-litellm-call-id", callId);
    }
    if (modelGroup != null) {
      response.putHeader("x-litellm-model-group", modelGroup);
    }
    if (deploymentId != null) {
      response.putHeader("x-litellm-model-id", deploymentId);
    }
    if (apiBase != null) {
      response.putHeader("x-litellm-model-api-base", apiBase);
    }
    response.putHeader("x-litellm-version", VERSION);
    response.putHeader("x-litellm-attempted-retries", Integer.toString(trace == null ? 0 : trace.attemptedRetries()));
    response.putHeader("x-litellm-attempted-fallbacks",
        Integer.toString(trace == null ? 0 : trace.attemptedFallbacks()));
    response.putHeader("x-litellm-max-fallbacks", Integer.toString(maxFallbacks));
    response.putHeader("x-litellm-response-duration-ms",
        Long.toString((System.nanoTime() - startNanos) / 1_000_000));
  }
}
