package dev.tollgate.gateway;

import dev.tollgate.gateway.http.GatewayRoutes;
import dev.tollgate.gateway.ui.UiAssets;
import dev.tollgate.gateway.ui.UiRoutes;
import dev.tollgate.gateway.upstream.VertxUpstream;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** One event loop's HTTP server and upstream client; the gateway deploys one instance per event loop. */
final class ServerVerticle extends VerticleBase {
  private final Supplier<GatewaySettings> settings;
  private final String host;
  private final int port;
  private final ControlPlane plane;
  private final dev.tollgate.gateway.models.ModelSync models;
  private final dev.tollgate.gateway.guardrails.stored.GuardrailSync guardrails;
  private final UiAssets ui;
  private VertxUpstream upstream;
  private HttpServer server;

  ServerVerticle(Supplier<GatewaySettings> settings, String host, int port, ControlPlane plane,
      dev.tollgate.gateway.models.ModelSync models, dev.tollgate.gateway.guardrails.stored.GuardrailSync guardrails,
      UiAssets ui) {
    this.settings = settings;
    this.guardrails = guardrails;
    this.ui = ui;
    this.models = models;
    this.plane = plane;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    upstream = new VertxUpstream(vertx, settings.get().upstreamTls());
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        .setIdleTimeout(0);
    Router router = GatewayRoutes.build(vertx, upstream, settings, plane, models, guardrails);
    UiRoutes.register(router, ui); // the admin dashboard's static files; before the catch-all 404, which is last()
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen();
  }

  int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return upstream.close();
  }
}
