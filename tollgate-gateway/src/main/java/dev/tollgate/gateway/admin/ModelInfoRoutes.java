package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.auth.ModelAccess;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.models.ModelCatalog;
import dev.tollgate.gateway.models.ModelEntry;
import dev.tollgate.gateway.models.ModelGroupJson;
import dev.tollgate.gateway.models.ModelJson;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code GET /model/info}, {@code /v1/model/info} and {@code /v2/model/info}: every deployment (config file and
 * database) in LiteLLM's shape, {@code {"data": [...]}}; {@code ?litellm_model_id=} picks one. A virtual key sees the
 * models it may call; the master key sees all. {@code GET /model_group/info} summarises per model name. Served from the snapshot in memory (no database work).
 */
final class ModelInfoRoutes {
  private final Supplier<GatewaySettings> settings;

  private ModelInfoRoutes(Supplier<GatewaySettings> settings) {
    this.settings = settings;
  }

  static void register(Router router, Handler<RoutingContext> auth, Supplier<GatewaySettings> settings) {
    ModelInfoRoutes routes = new ModelInfoRoutes(settings);
    for (String path : new String[] {"/model/info", "/v1/model/info", "/v2/model/info"}) {
      router.get(path).handler(auth).handler(routes::info);
    }
    router.get("/model_group/info").handler(auth).handler(routes::groups);
  }

  void info(RoutingContext ctx) {
    ModelCatalog catalog = settings.get().models();
    String only = ctx.request().getParam("litellm_model_id");
    VirtualKey key = Caller.of(ctx).key();
    ObjectNode root = Json.object();
    ArrayNode data = root.putArray("data");
    for (ModelEntry e : catalog.all()) {
      if (only != null && !only.isBlank() && !only.equals(e.id())) {
        continue;
      }
      if (key != null && !ModelAccess.allowed(key, e.deployment().modelName(), catalog.accessGroups())) {
        continue;
      }
      data.add(ModelJson.info(e, catalog.routes()));
    }
    ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(root)));
  }

  /** {@code GET /model_group/info}, {@code ?model_group=} for one group: {@code {"data": [ModelGroupInfo...]}}. */
  void groups(RoutingContext ctx) {
    ModelCatalog catalog = settings.get().models();
    String only = ctx.request().getParam("model_group");
    VirtualKey key = Caller.of(ctx).key();
    java.util.List<ModelEntry> entries = new java.util.ArrayList<>();
    for (ModelEntry e : catalog.all()) {
      String name = e.deployment().modelName();
      if ((only == null || only.isBlank() || only.equals(name))
          && (key == null || ModelAccess.allowed(key, name, catalog.accessGroups()))) {
        entries.add(e);
      }
    }
    ObjectNode root = Json.object();
    root.set("data", ModelGroupJson.groups(entries, catalog.routes()));
    ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(root)));
  }
}
