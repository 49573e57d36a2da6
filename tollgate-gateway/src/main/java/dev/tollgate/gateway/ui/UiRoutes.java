package dev.tollgate.gateway.ui;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Serves the admin dashboard at {@code /ui} without a key: the files are public; the page asks for a key and calls
 * the management API with it. A file not yet in memory is read on a worker thread, never on the event loop. Unknown
 * files fall through to the gateway's 404.
 */
public final class UiRoutes {
  /** Who may load what: scripts, styles and API calls only from this origin; no framing. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' "
      + "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
      + "form-action 'none'";

  private UiRoutes() {}

  public static void register(Router router, UiAssets assets) {
    router.route(HttpMethod.GET, "/ui").handler(ctx -> serve(ctx, assets, "index.html"));
    router.route(HttpMethod.HEAD, "/ui").handler(ctx -> serve(ctx, assets, "index.html"));
    router.routeWithRegex(HttpMethod.GET, "/ui/.*").handler(ctx -> serve(ctx, assets, fileOf(ctx)));
    router.routeWithRegex(HttpMethod.HEAD, "/ui/.*").handler(ctx -> serve(ctx, assets, fileOf(ctx)));
  }

  private static String fileOf(RoutingContext ctx) {
    String rest = ctx.request().path().substring("/ui/".length());
    return rest.isEmpty() ? "index.html" : rest;
  }

  private static void serve(RoutingContext ctx, UiAssets assets, String file) {
    Optional<UiAsset> cached = assets.cached(file);
    if (cached.isPresent()) {
      send(ctx, cached.get());
      return;
    }
    ctx.vertx().executeBlocking(() -> assets.load(file), false).onComplete(done -> {
      if (done.succeeded() && done.result().isPresent()) {
        send(ctx, done.result().get());
      } else {
        ctx.next();
      }
    });
  }

  private static void send(RoutingContext ctx, UiAsset asset) {
    HttpServerResponse response = ctx.response();
    response.putHeader(HttpHeaders.CACHE_CONTROL, asset.cacheControl())
        .putHeader(HttpHeaders.ETAG, asset.etag())
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    String asked = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (asked != null && asked.contains(asset.etag())) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType());
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(asset.body().length())).end();
    } else {
      response.end(asset.body());
    }
  }
}
