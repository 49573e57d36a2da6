package dev.tollgate.gateway.http;

import dev.tollgate.core.router.AttemptInfo;
import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouteTrace;
import dev.tollgate.core.router.Routed;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.ModelAccess;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.providers.spi.CallTarget;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The steps around the core router that the chat and embeddings handlers share: which model group a caller may ask
 * for; the call target of an attempt (per-request overrides, the attempt's timeout); running the router and handing
 * its result back on the request's event loop; and what the record and the {@code x-litellm-*} headers say about the
 * deployment and group that answered (or, on failure, were tried last).
 */
final class Routing {
  private Routing() {}

  /**
   * The model group to route {@code requested} to for this caller: the key's model access and aliases applied, and a
   * 400 when no group, alias or wildcard serves it.
   */
  static String group(RoutingContext ctx, GatewaySettings settings, String requested) {
    String model = ModelAccess.resolve(ctx, requested, settings.models().accessGroups());
    if (settings.router().resolve(model).isEmpty()) {
      throw ApiError.badRequest("Invalid model name passed in model=" + model
          + ". Call /v1/models to view available models for your key.", "model");
    }
    return model;
  }

  /**
   * The target one attempt calls: {@code drop_params} (global, deployment or request) and the attempt's timeout
   * (deployment, request or router timeout, bounded by the request's deadline) over the route's own.
   *
   * @param dropParams the request's {@code drop_params}, or null
   */
  static CallTarget target(GatewaySettings settings, Route route, Boolean dropParams, AttemptInfo info) {
    CallTarget target = route.target();
    boolean drop = settings.dropParams() || target.dropParams() || Boolean.TRUE.equals(dropParams);
    if (drop != target.dropParams()) {
      target = target.withDropParams(drop);
    }
    if (info.timeout() != null && !info.timeout().equals(target.timeout())) {
      target = target.withTimeout(info.timeout());
    }
    return target;
  }

  /**
   * Routes the request and calls {@code done} on the request's event loop with the result or the failure (the
   * router may finish on another thread).
   */
  static <T> void route(GatewaySettings settings, RouteRequest request, dev.tollgate.core.router.Attempt<T> attempt,
      BiConsumer<Routed<T>, Throwable> done) {
    Context context = Vertx.currentContext();
    CompletableFuture<Routed<T>> routed;
    try {
      routed = settings.router().route(request, attempt);
    } catch (RuntimeException e) {
      done.accept(null, e);
      return;
    }
    routed.whenComplete((result, error) -> {
      if (context == null || Vertx.currentContext() == context) {
        done.accept(result, error);
      } else {
        context.runOnContext(v -> done.accept(result, error));
      }
    });
  }

  /** The route that answered, in the headers (each attempt already named its route on the record). */
  static void answered(HttpServerResponse response, GatewaySettings settings, CallRecord record, Routed<?> routed,
      AttemptOutcome outcome, String requestedGroup, long startNanos) {
    String group = reported(routed.modelGroup(), requestedGroup, routed.trace().attemptedFallbacks() > 0,
        routed.pick().wildcardMatch());
    if (record != null) {
      record.trace = routed.trace();
    }
    ProxyHeaders.add(response, record == null ? null : record.requestId, group,
        outcome.route().deployment().id(), outcome.target().apiBase(), routed.trace(),
        settings.router().options().maxFallbacks(), startNanos);
  }

  /**
   * The model group as LiteLLM reports it: a wildcard group ({@code openai/*}) by the name asked for
   * ({@code openai/gpt-4o}; after a fallback, the pattern with what it matched), any other group by its name.
   */
  static String reported(String group, String requestedGroup, boolean fallback, String wildcardMatch) {
    if (group == null) {
      return requestedGroup;
    }
    if (!group.contains("*")) {
      return group;
    }
    if (!fallback) {
      return requestedGroup;
    }
    return wildcardMatch == null ? group : group.replace("*", wildcardMatch);
  }

  /**
   * A request the router could not serve: the headers name what was tried last (the record already does, from the
   * last attempt); a request that never reached an attempt keeps the requested group on its record.
   */
  static void failed(HttpServerResponse response, GatewaySettings settings, CallRecord record, RouteTrace trace,
      String requestedGroup, long startNanos) {
    Deployment last = trace == null ? null : trace.lastDeployment();
    String group = record != null && record.modelGroup != null ? record.modelGroup
        : reported(trace == null ? null : trace.modelGroup(), requestedGroup,
            trace != null && trace.attemptedFallbacks() > 0, null);
    if (record != null && record.modelGroup == null) {
      record.modelGroup = group;
    }
    if (record != null && trace != null) {
      record.trace = trace;
    }
    ProxyHeaders.add(response, record == null ? null : record.requestId, group, last == null ? null : last.id(),
        last == null ? null : last.template().apiBase(), trace, settings.router().options().maxFallbacks(),
        startNanos);
  }
}
