package dev.tollgate.gateway.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.models.ModelCatalog;
import dev.tollgate.gateway.models.ModelEntry;
import dev.tollgate.gateway.models.ModelJson;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * LiteLLM's {@code GET /health}: probes every deployment ({@code ?model=} the deployments of one model name, else those
 * whose {@code litellm_params.model} it is; {@code ?model_id=} one deployment) with one real minimal call each
 * ({@link DeploymentProbe}), at most {@link #CONCURRENCY} at a time, and answers
 * {@code {healthy_endpoints, unhealthy_endpoints, healthy_count, unhealthy_count}} when all have answered or timed
 * out. The probes run on the request's event loop without blocking it and never touch the router's state.
 */
final class HealthCheck {
  /** Probes in flight at once for one {@code /health} call. */
  static final int CONCURRENCY = 16;
  private final Supplier<GatewaySettings> settings;
  private final DeploymentProbe probe;

  HealthCheck(Supplier<GatewaySettings> settings, DeploymentProbe probe) {
    this.settings = settings;
    this.probe = probe;
  }

  void handle(RoutingContext ctx) {
    try {
      ModelCatalog catalog = settings.get().models();
      List<ModelEntry> targets = targets(catalog, param(ctx, "model"), param(ctx, "model_id"));
      Context context = Vertx.currentContext();
      List<Supplier<Future<ProbeResult>>> tasks = new ArrayList<>();
      for (ModelEntry e : targets) {
        tasks.add(() -> probe.probe(context, e, catalog.routes(), null));
      }
      BoundedRuns.all(tasks, CONCURRENCY).onComplete(done -> {
        if (ctx.response().ended() || ctx.response().closed()) {
          return;
        }
        if (done.failed()) {
          ErrorResponses.send(ctx.response(), done.cause());
          return;
        }
        ctx.response().putHeader("content-type", "application/json")
            .end(Buffer.buffer(Json.write(report(targets, done.result()))));
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /** The deployments to probe, one per id, in catalog order. */
  static List<ModelEntry> targets(ModelCatalog catalog, String model, String modelId) {
    Map<String, ModelEntry> byId = new LinkedHashMap<>();
    if (modelId != null) {
      ModelEntry e = catalog.find(modelId).orElseThrow(() -> new ApiError(404, "not_found_error",
          "Model with ID " + modelId + " not found", "model_id"));
      byId.put(e.id(), e);
    } else if (model != null) {
      catalog.all().stream().filter(e -> e.deployment().modelName().equals(model))
          .forEach(e -> byId.putIfAbsent(e.id(), e));
      if (byId.isEmpty()) {
        catalog.all().stream().filter(e -> e.deployment().litellmModel().equals(model))
            .forEach(e -> byId.putIfAbsent(e.id(), e));
      }
    } else {
      catalog.all().forEach(e -> byId.putIfAbsent(e.id(), e));
    }
    return List.copyOf(byId.values());
  }

  private static ObjectNode report(List<ModelEntry> targets, List<ProbeResult> results) {
    List<ObjectNode> healthy = new ArrayList<>();
    List<ObjectNode> unhealthy = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      ModelEntry e = targets.get(i);
      ProbeResult r = results.get(i) != null ? results.get(i) : ProbeResult.failed("the health check did not run", null);
      (r.healthy() ? healthy : unhealthy).add(EndpointJson.of(ModelJson.publicParams(e), e.id(), r));
    }
    return EndpointJson.report(healthy, unhealthy);
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isBlank() ? null : v;
  }
}
