package dev.tollgate.gateway.http;

import dev.tollgate.core.router.RouteTrace;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The {@code x-litellm-*} response headers LiteLLM clients read: call id, the deployment ({@code x-litellm-model-id})
 * and model group that answered (on errors: were tried last), the deployment's api base, the retries and fallbacks the
 * router attempted, {@code x-litellm-max-fallbacks}, version and duration.
 */
public final class ProxyHeaders {
  public static final String VERSION = "0.1.0";
  private static final CharSequence VERSION_TEXT = HttpHeaders.createOptimized(VERSION);

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
      response.putHeader(HeaderNames.CALL_ID, callId);
    }
    if (modelGroup != null) {
      response.putHeader(HeaderNames.MODEL_GROUP, modelGroup);
    }
    if (deploymentId != null) {
      response.putHeader(HeaderNames.MODEL_ID, deploymentId);
    }
    if (apiBase != null) {
      response.putHeader(HeaderNames.MODEL_API_BASE, apiBase);
    }
    response.putHeader(HeaderNames.VERSION, VERSION_TEXT);
    response.putHeader(HeaderNames.ATTEMPTED_RETRIES,
        HeaderNames.number(trace == null ? 0 : trace.attemptedRetries()));
    response.putHeader(HeaderNames.ATTEMPTED_FALLBACKS,
        HeaderNames.number(trace == null ? 0 : trace.attemptedFallbacks()));
    response.putHeader(HeaderNames.MAX_FALLBACKS, HeaderNames.number(maxFallbacks));
    response.putHeader(HeaderNames.RESPONSE_DURATION_MS,
        HeaderNames.number((System.nanoTime() - startNanos) / 1_000_000));
  }
}
