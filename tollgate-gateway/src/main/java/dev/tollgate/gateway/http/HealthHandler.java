package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Unauthenticated probes: {@code /health/liveliness} (the process runs) and {@code /health/readiness}. */
public final class HealthHandler {
  private HealthHandler() {}

  public static void liveliness(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "application/json").end("\"I'm alive!\"");
  }

  public static void readiness(RoutingContext ctx) {
    ObjectNode body = Json.object();
    body.put("status", "healthy");
    body.put("db", "Not connected");
    body.putNull("cache");
    body.put("litellm_version", ProxyHeaders.VERSION);
    body.putArray("success_callbacks");
    ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(body)));
  }
}
