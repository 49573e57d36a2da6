package dev.tollgate.gateway.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.RouterState;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.models.ModelCatalog;
import dev.tollgate.gateway.models.ModelEntry;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /tollgate/router/state}, Tollgate's own route (LiteLLM has none: its issue #25504 asks for one): what
 * the router knows of each deployment right now — cooling down until when and why, calls in flight, failed calls
 * noted in the current minute and the last one, this minute's requests and tokens against its {@code rpm}/{@code tpm},
 * and its latency averages. {@code ?model=} keeps one model name, {@code ?model_id=} one deployment. Read from the
 * router state in memory (no upstream call, no database), so a dashboard may poll it every few seconds.
 */
final class DeploymentStates {
  private final Supplier<GatewaySettings> settings;
  private final LongSupplier clock;

  DeploymentStates(Supplier<GatewaySettings> settings, LongSupplier clock) {
    this.settings = settings;
    this.clock = clock;
  }

  void handle(RoutingContext ctx) {
    try {
      ModelCatalog catalog = settings.get().models();
      String model = blankToNull(ctx.request().getParam("model"));
      String modelId = blankToNull(ctx.request().getParam("model_id"));
      List<ModelEntry> entries = catalog.all().stream()
          .filter(e -> model == null || e.deployment().modelName().equals(model))
          .filter(e -> modelId == null || e.id().equals(modelId))
          .toList();
      ctx.response().putHeader("content-type", "application/json")
          .end(Buffer.buffer(Json.write(state(entries, catalog.routerState(), clock.getAsLong()))));
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  static ObjectNode state(List<ModelEntry> entries, RouterState state, long now) {
    ObjectNode out = Json.object();
    out.put("time", Instant.ofEpochMilli(now).toString());
    ArrayNode cooldowns = out.putArray("cooldowns");
    ArrayNode deployments = out.putArray("deployments");
    for (ModelEntry e : entries) {
      ObjectNode d = deployment(e, state, now);
      deployments.add(d);
      if (d.path("cooling_down").asBoolean()) {
        ObjectNode c = cooldowns.addObject();
        c.put("model_id", e.id());
        c.put("model_name", e.deployment().modelName());
        c.set("cooldown_until", d.get("cooldown_until"));
        c.set("cooldown_seconds_left", d.get("cooldown_seconds_left"));
        c.set("cooldown_reason", d.get("cooldown_reason"));
      }
    }
    return out;
  }

  private static ObjectNode deployment(ModelEntry e, RouterState state, long now) {
    Deployment d = e.deployment();
    String id = d.id();
    ObjectNode out = Json.object();
    out.put("model_id", id);
    out.put("model_name", d.modelName());
    out.put("model", d.litellmModel());
    out.put("db_model", e.dbModel());
    long until = state.cooldownUntil(id);
    boolean cooling = until > now;
    out.put("cooling_down", cooling);
    if (cooling) {
      out.put("cooldown_until", Instant.ofEpochMilli(until).toString());
      out.put("cooldown_seconds_left", Math.round((until - now) / 100.0) / 10.0);
      out.put("cooldown_reason", state.cooldownReason(id));
    } else {
      out.putNull("cooldown_until");
      out.putNull("cooldown_seconds_left");
      out.putNull("cooldown_reason");
    }
    out.put("in_flight", state.inFlight(id));
    RouterState.RecentFailures failures = state.recentFailures(id);
    out.put("recent_failures", failures.count());
    if (failures.lastAtMillis() > 0) {
      out.put("last_failure_at", Instant.ofEpochMilli(failures.lastAtMillis()).toString());
      out.put("last_failure", failures.last());
    } else {
      out.putNull("last_failure_at");
      out.putNull("last_failure");
    }
    RouterState.MinuteUsage usage = state.usage(id, now);
    out.put("requests_this_minute", usage.requests());
    out.put("tokens_this_minute", usage.tokens());
    putLimit(out, "rpm", d.routing().rpm());
    putLimit(out, "tpm", d.routing().tpm());
    RouterState.LatencyStats latency = state.latency(id);
    putAverage(out, "latency_ms_per_token", latency.perToken());
    putAverage(out, "time_to_first_token_ms", latency.timeToFirstToken());
    out.put("latency_samples", latency.samples());
    return out;
  }

  private static void putLimit(ObjectNode out, String name, Long limit) {
    if (limit == null) {
      out.putNull(name);
    } else {
      out.put(name, limit);
    }
  }

  private static void putAverage(ObjectNode out, String name, double value) {
    if (Double.isNaN(value)) {
      out.putNull(name);
    } else {
      out.put(name, Math.round(value * 100) / 100.0);
    }
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
