package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.providers.spi.CallTarget;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.Function;

/** Finds the route for a requested model and applies per-request overrides (drop_params, timeout). */
final class Routing {
  private Routing() {}

  /** Where a request goes, as the chat and embeddings handlers both need it. */
  record Prepared(Route route, CallTarget target) {}

  /**
   * Resolves the requested model through the caller's aliases and access list, routes it, records the route on the
   * call record, applies per-request overrides and adds the proxy headers.
   */
  static Prepared prepare(RoutingContext ctx, GatewaySettings settings, dev.tollgate.gateway.calls.CallRecord record,
      String requested, Function<String, JsonNode> field, long startNanos) {
    String model = dev.tollgate.gateway.auth.ModelAccess.resolve(ctx, requested,
        settings.models().accessGroups());
    Route route = route(settings, model);
    record.route(model, route, settings.router().costs());
    CallTarget target = target(settings, route, field, ctx.request());
    ProxyHeaders.add(ctx.response(), record.requestId, model, route, startNanos);
    return new Prepared(route, target);
  }

  static Route route(GatewaySettings settings, String model) {
    return settings.router().route(model).orElseThrow(() -> ApiError.badRequest(
        "Invalid model name passed in model=" + model + ". Call /v1/models to view available models for your key.",
        "model"));
  }

  /** @param field the request body's top-level fields by name (null when absent) */
  static CallTarget target(GatewaySettings settings, Route route, Function<String, JsonNode> field,
      HttpServerRequest request) {
    CallTarget target = route.target();
    JsonNode dropParams = field.apply("drop_params");
    boolean drop = settings.dropParams() || target.dropParams() || (dropParams != null && dropParams.asBoolean(false));
    if (drop != target.dropParams()) {
      target = target.withDropParams(drop);
    }
    Duration timeout = seconds(field.apply("timeout"), request.getHeader("x-litellm-timeout"));
    if (timeout != null) {
      target = target.withTimeout(timeout);
    }
    return target;
  }

  private static Duration seconds(JsonNode body, String header) {
    try {
      if (header != null) {
        return positive(Double.parseDouble(header.trim()));
      }
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("x-litellm-timeout must be a number of seconds, got '" + header + "'", null);
    }
    if (body == null || body.isNull()) {
      return null;
    }
    if (!body.isNumber()) {
      throw ApiError.badRequest("'timeout' must be a number of seconds", "timeout");
    }
    return positive(body.asDouble());
  }

  private static Duration positive(double seconds) {
    if (!(seconds > 0)) {
      throw ApiError.badRequest("timeout must be a positive number of seconds", "timeout");
    }
    return Duration.ofMillis((long) (seconds * 1000));
  }
}
