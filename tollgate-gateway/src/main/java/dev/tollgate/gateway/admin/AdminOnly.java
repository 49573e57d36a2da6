package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets only the master key through to a management route (roles come later). Runs after {@code KeyAuth}, so a
 * missing or invalid key has already been answered 401; a valid virtual key gets 403 here, before its body is read.
 */
final class AdminOnly implements PlatformHandler {
  static final AdminOnly INSTANCE = new AdminOnly();

  @Override
  public void handle(RoutingContext ctx) {
    if (Caller.of(ctx).isMaster()) {
      ctx.next();
      return;
    }
    ErrorResponses.send(ctx.response(), new ApiError(403, "auth_error", "Only the proxy admin (the master key) can "
        + "call " + ctx.request().path() + "; this key is not allowed to manage keys.", null));
  }
}
