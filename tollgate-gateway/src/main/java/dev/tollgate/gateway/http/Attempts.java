package dev.tollgate.gateway.http;

import dev.tollgate.core.router.Attempt;
import dev.tollgate.core.router.AttemptInfo;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.ModelAccess;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.PermissionDeniedException;
import dev.tollgate.providers.spi.CallTarget;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The gateway's side of one routed attempt, shared by the chat and embeddings handlers: runs on the request's event
 * loop (the router may continue on another thread, e.g. after a Redis answer); stops when the client has gone; refuses
 * a fallback group the caller's key may not use; resolves the pick's provider and credentials; applies the
 * request's overrides and the attempt's timeout; then lets the handler make the call.
 */
final class Attempts {
  private Attempts() {}

  /** The handler's part: call the resolved route and complete with what it produced, or fail with a typed error. */
  @FunctionalInterface
  interface Call {
    Future<AttemptOutcome> call(Route route, CallTarget target);
  }

  /**
   * @param dropParams the request's {@code drop_params}, or null
   * @param key the caller's virtual key, null for the master key
   */
  static Attempt<AttemptOutcome> of(Context context, GatewaySettings settings, HttpServerResponse response,
      VirtualKey key, Boolean dropParams, Call call) {
    return (pick, info) -> {
      if (Vertx.currentContext() == context) {
        return run(settings, response, key, dropParams, call, pick, info);
      }
      CompletableFuture<AttemptOutcome> hopped = new CompletableFuture<>();
      context.runOnContext(v -> run(settings, response, key, dropParams, call, pick, info).whenComplete((r, e) -> {
        if (e != null) {
          hopped.completeExceptionally(e);
        } else {
          hopped.complete(r);
        }
      }));
      return hopped;
    };
  }

  private static CompletionStage<AttemptOutcome> run(GatewaySettings settings, HttpServerResponse response,
      VirtualKey key, Boolean dropParams, Call call, ModelGroups.Pick pick, AttemptInfo info) {
    try {
      if (response.closed()) {
        throw new BadRequestException("the client went away", null, null);
      }
      if (info.fallback() && key != null && !ModelAccess.allowed(key, info.modelGroup(),
          settings.models().accessGroups())) {
        // a fallback group the key may not call is skipped (403: no cooldown, no retry)
        throw new PermissionDeniedException("key not allowed to access fallback model group " + info.modelGroup(),
            null, info.modelGroup());
      }
      Route route = settings.routes().resolve(pick);
      CallTarget target = Routing.target(settings, route, dropParams, info);
      return call.call(route, target).toCompletionStage();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
