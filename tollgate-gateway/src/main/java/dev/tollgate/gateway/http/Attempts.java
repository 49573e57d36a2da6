package dev.tollgate.gateway.http;

import dev.tollgate.core.router.Attempt;
import dev.tollgate.core.router.AttemptInfo;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.ModelAccess;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.upstream.UpstreamTokens;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.PermissionDeniedException;
import dev.tollgate.providers.error.ProviderException;
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
 * request's overrides and the attempt's timeout; gets the access token of an OAuth2 provider (Vertex AI) off the
 * event loop ({@link UpstreamTokens}); then lets the handler make the call (once more with a fresh token when the
 * provider refused the cached one with a 401).
 */
final class Attempts {
  private Attempts() {}

  /** The handler's part: call the resolved route and complete with what it produced, or fail with a typed error. */
  @FunctionalInterface
  interface Call {
    Future<AttemptOutcome> call(Route route, CallTarget target);
  }

  /**
   * The request an attempt belongs to.
   *
   * @param context the request's event loop
   * @param response the client's response, to stop when the client has gone; null for the gateway's own calls
   * @param key the caller's virtual key, null for the master key
   * @param dropParams the request's {@code drop_params}
   * @param record the request's call record: each attempt names its route there, so a failed request's row names the
   *     deployment tried last
   * @param group the model group the request asked for
   */
  record Request(Context context, HttpServerResponse response, VirtualKey key, boolean dropParams, CallRecord record,
      String group) {}

  static Attempt<AttemptOutcome> of(GatewaySettings settings, Request request, Call call) {
    return (pick, info) -> {
      if (Vertx.currentContext() == request.context()) {
        return run(settings, request, call, pick, info);
      }
      CompletableFuture<AttemptOutcome> hopped = new CompletableFuture<>();
      request.context().runOnContext(v -> run(settings, request, call, pick, info).whenComplete((r, e) -> {
        if (e != null) {
          hopped.completeExceptionally(e);
        } else {
          hopped.complete(r);
        }
      }));
      return hopped;
    };
  }

  private static CompletionStage<AttemptOutcome> run(GatewaySettings settings, Request request, Call call,
      ModelGroups.Pick pick, AttemptInfo info) {
    try {
      if (request.response() != null && request.response().closed()) {
        throw new BadRequestException("the client went away", null, null);
      }
      String group = Routing.reported(info.modelGroup(), request.group(), info.fallback(), pick.wildcardMatch());
      VirtualKey key = request.key();
      if (info.fallback() && key != null && !ModelAccess.allowed(key, group, settings.models().accessGroups())) {
        // a fallback group the key may not call is skipped (403: no cooldown, no retry)
        throw new PermissionDeniedException("key not allowed to access fallback model group " + group, null, group);
      }
      Route route = settings.routes().resolve(pick);
      if (request.record() != null) {
        request.record().route(group, route, settings.routes().costs());
      }
      CallTarget target = Routing.target(settings, route, request.dropParams(), info);
      if (route.provider() != null && route.provider().accessToken(target).isPresent()
          && !target.params().containsKey("mock_response")) {
        // an OAuth2 provider (Vertex AI): the token comes from a worker thread, the call goes on from this loop
        return UpstreamTokens.authorize(request.context(), route.provider(), target)
            .compose(authorized -> call.call(route, authorized))
            .recover(e -> {
              if (!(e instanceof ProviderException p) || p.status() != 401) {
                return Future.failedFuture(e);
              }
              // the provider refused the cached token (revoked, rotated): once more with a fresh one
              UpstreamTokens.rejected(route.provider(), target);
              return UpstreamTokens.authorize(request.context(), route.provider(), target)
                  .compose(fresh -> call.call(route, fresh));
            })
            .toCompletionStage();
      }
      return call.call(route, target).toCompletionStage();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
