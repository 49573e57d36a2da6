package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Single sign-on for the dashboard, on LiteLLM's routes: {@code GET /sso/key/generate} starts a login (redirect to
 * the provider), {@code GET /sso/callback} finishes it ({@link SsoCallback}); plus the public
 * {@code GET /.well-known/litellm-ui-config} that tells the login page whether SSO is on, and Tollgate's
 * {@code POST /sso/session} ({@link SessionHandoff}) and {@code POST /sso/logout} (deletes the caller's session key).
 * Without an SSO provider the {@code /sso} pages say so (404).
 */
public final class SsoRoutes {
  private final Supplier<GatewaySettings> settings;
  private final ControlPlane plane;

  private SsoRoutes(Supplier<GatewaySettings> settings, ControlPlane plane) {
    this.settings = settings;
    this.plane = plane;
  }

  /** @param auth admits the master key or a virtual key (for {@code /sso/logout}) */
  public static void register(Router router, Vertx vertx, Handler<RoutingContext> auth, ControlPlane plane,
      Supplier<GatewaySettings> settings) {
    SsoRoutes routes = new SsoRoutes(settings, plane);
    SsoCallback callback = new SsoCallback(settings, plane, new OidcExchange(new OidcHttp(vertx)));
    router.get("/.well-known/litellm-ui-config").handler(routes::uiConfig);
    router.get("/sso/key/generate").handler(routes::start);
    router.get("/sso/callback").handler(callback::handle);
    router.post("/sso/session").handler(new SessionHandoff(settings)::handle);
    router.post("/sso/logout").handler(auth).handler(routes::logout);
  }

  void uiConfig(RoutingContext ctx) {
    SsoSettings sso = settings.get().sso();
    ObjectNode reply = Json.object();
    reply.put("server_root_path", "");
    reply.put("proxy_base_url", sso.proxyBaseUrl());
    reply.put("auto_redirect_to_sso", sso.configured() && sso.autoRedirect());
    reply.put("admin_ui_disabled", false);
    reply.put("sso_configured", sso.configured());
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(Json.writeString(reply));
  }

  void start(RoutingContext ctx) {
    GatewaySettings s = settings.get();
    SsoSettings sso = s.sso();
    if (!sso.configured()) {
      SsoPages.notConfigured(ctx.response());
      return;
    }
    LoginFlow flow = LoginFlow.start(baseUrl(ctx, sso) + "/sso/callback", sso.provider().pkce());
    String sealed = flow.seal(SealedCookie.keyedBy(s.masterKey()),
        System.currentTimeMillis() + SsoCookies.FLOW_SECONDS * 1000);
    SsoCookies.set(ctx.response(), SsoCookies.FLOW, sealed, SsoCookies.FLOW_PATH, SsoCookies.FLOW_SECONDS,
        secure(ctx, sso));
    ctx.response().setStatusCode(302).putHeader("Location", AuthorizationRedirect.url(sso.provider(), flow))
        .putHeader("Cache-Control", "no-store").end();
  }

  void logout(RoutingContext ctx) {
    VirtualKey key = Caller.of(ctx).key();
    if (!SessionKeys.isSession(key)) {
      ErrorResponses.send(ctx.response(), ApiError.badRequest("/sso/logout ends a dashboard session, and this is "
          + (key == null ? "the master key" : "not a session key (delete a virtual key with /key/delete)") + ".",
          null));
      return;
    }
    String logoutUrl = settings.get().sso().logoutUrl();
    Future.fromCompletionStage(CompletableFuture.runAsync(() -> SessionKeys.revoke(plane, key),
        plane.database().executor()), ctx.vertx().getOrCreateContext()).onComplete(done -> {
          if (done.failed()) {
            ErrorResponses.send(ctx.response(), done.cause());
            return;
          }
          ObjectNode reply = Json.object();
          reply.put("status", "logged_out");
          reply.put("logout_url", logoutUrl);
          ctx.response().putHeader("Content-Type", "application/json").end(Json.writeString(reply));
        });
  }

  /** {@code PROXY_BASE_URL}, else the scheme and host this request came to. */
  static String baseUrl(RoutingContext ctx, SsoSettings sso) {
    if (sso.proxyBaseUrl() != null) {
      return sso.proxyBaseUrl();
    }
    URI here = URI.create(ctx.request().absoluteURI());
    return here.getScheme() + "://" + here.getRawAuthority();
  }

  /** Cookies are Secure when the gateway is reached over https. */
  static boolean secure(RoutingContext ctx, SsoSettings sso) {
    return baseUrl(ctx, sso).startsWith("https:");
  }
}
