package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.admin.Access;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * LiteLLM's cache endpoints: {@code GET /cache/ping} (any valid key; 503 when caching is off or its store does not
 * answer), and, for admins only, {@code POST /cache/delete {"keys": [...]}} and {@code POST /cache/flushall}. Keys are
 * the {@code x-litellm-cache-key} values, namespace prefix included.
 */
public final class CacheRoutes {
  private CacheRoutes() {}

  public static void register(Router router, Handler<RoutingContext> auth, Handler<RoutingContext> body,
      ControlPlane plane, Supplier<GatewaySettings> settings) {
    ResponseCache cache = plane.responseCache();
    Access admin = Access.admin(plane.userCache());
    router.get("/cache/ping").handler(auth).handler(ctx -> ping(ctx, cache, settings.get().cache()));
    router.post("/cache/delete").handler(auth).handler(admin).handler(body)
        .handler(ctx -> delete(ctx, cache, settings.get().cache()));
    router.post("/cache/flushall").handler(auth).handler(admin)
        .handler(ctx -> flush(ctx, cache, settings.get().cache()));
  }

  private static void ping(RoutingContext ctx, ResponseCache cache, CacheSettings s) {
    ResponseStore store = cache.store(s);
    if (store == null) {
      ErrorResponses.send(ctx, new ApiError(503, "service_unavailable", s.type() == CacheSettings.Type.OFF
          ? "Cache not initialized: litellm_settings.cache is not true, or its type is not supported"
          : "Cache not reachable: the redis cache has no Redis connection", null));
      return;
    }
    store.ping().onComplete(ar -> {
      if (ar.failed()) {
        ErrorResponses.send(ctx, new ApiError(503, "service_unavailable",
            "Cache is unhealthy: " + ar.cause().getMessage(), null));
        return;
      }
      ObjectNode out = Json.object();
      out.put("status", "healthy");
      out.put("cache_type", store.type());
      out.put("ping_response", true);
      out.set("litellm_cache_params", params(s));
      reply(ctx, out);
    });
  }

  private static ObjectNode params(CacheSettings s) {
    ObjectNode p = Json.object();
    p.put("type", s.type().name().toLowerCase(java.util.Locale.ROOT));
    p.put("namespace", s.namespace());
    p.put("mode", s.defaultOn() ? "default_on" : "default_off");
    p.put("ttl", s.defaultTtlSeconds());
    ArrayNode types = p.putArray("supported_call_types");
    s.callTypes().forEach(types::add);
    return p;
  }

  private static void delete(RoutingContext ctx, ResponseCache cache, CacheSettings s) {
    ObjectNode request = RequestBodies.object(ctx);
    JsonNode keys = request.get("keys");
    if (keys == null || !keys.isArray()) {
      ErrorResponses.send(ctx, ApiError.badRequest("'keys' must be a list of cache keys", "keys"));
      return;
    }
    List<String> list = new ArrayList<>();
    keys.forEach(k -> list.add(k.asText()));
    ResponseStore store = cache.store(s);
    if (store == null) {
      ErrorResponses.send(ctx, new ApiError(503, "service_unavailable", "Cache not initialized", null));
      return;
    }
    cache.forget(list);
    store.delete(list).onComplete(ar -> {
      if (ar.failed()) {
        ErrorResponses.send(ctx, new ApiError(503, "service_unavailable",
            "Cache delete failed: " + ar.cause().getMessage(), null));
        return;
      }
      reply(ctx, Json.object().put("status", "success").put("deleted", ar.result()));
    });
  }

  private static void flush(RoutingContext ctx, ResponseCache cache, CacheSettings s) {
    ResponseStore store = cache.store(s);
    if (store == null) {
      ErrorResponses.send(ctx, new ApiError(503, "service_unavailable", "Cache not initialized", null));
      return;
    }
    cache.forgetAll();
    store.flush().onComplete(ar -> {
      if (ar.failed()) {
        ErrorResponses.send(ctx, new ApiError(503, "service_unavailable",
            "Cache flush failed: " + ar.cause().getMessage(), null));
        return;
      }
      reply(ctx, Json.object().put("status", "success"));
    });
  }

  private static void reply(RoutingContext ctx, ObjectNode body) {
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.response().putHeader("content-type", "application/json").end(Json.writeString(body));
    }
  }
}
