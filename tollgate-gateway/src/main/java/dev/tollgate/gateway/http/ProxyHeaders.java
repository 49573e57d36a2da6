package dev.tollgate.gateway.http;

import dev.tollgate.gateway.models.Route;
import io.vertx.core.http.HttpServerResponse;

/** The {@code x-litellm-*} response headers LiteLLM clients read: call id, model id and group, api base, timing. */
public final class ProxyHeaders {
  public static final String VERSION = "0.1.0";

  private ProxyHeaders() {}

  public static void add(HttpServerResponse response, String callId, String modelGroup, Route route, long startNanos) {
    response.putHeader("x-litellm-call-id", callId);
    response.putHeader("x-litellm-model-group", modelGroup);
    if (route.deployment().id() != null) {
      response.putHeader("x-litellm-model-id", route.deployment().id());
    }
    if (route.target().apiBase() != null) {
      response.putHeader("x-litellm-model-api-base", route.target().apiBase());
    }
    response.putHeader("x-litellm-version", VERSION);
    response.putHeader("x-litellm-attempted-retries", "0");
    response.putHeader("x-litellm-response-duration-ms",
        Long.toString((System.nanoTime() - startNanos) / 1_000_000));
  }
}
