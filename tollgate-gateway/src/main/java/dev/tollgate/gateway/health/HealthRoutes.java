package dev.tollgate.gateway.health;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.admin.Access;
import dev.tollgate.gateway.upstream.VertxUpstream;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/**
 * The deployment health routes: LiteLLM's {@code GET /health} ({@link HealthCheck}) and
 * {@code POST /health/test_connection} ({@link TestConnection}), both for proxy admins only since they make real,
 * billed upstream calls; and Tollgate's {@code GET /tollgate/router/state} ({@link DeploymentStates}), a read for
 * proxy admins and admin viewers. The unauthenticated probes ({@code /health/liveliness}, {@code /health/readiness})
 * are {@code http.HealthHandler}.
 */
public final class HealthRoutes {
  private HealthRoutes() {}

  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane,
      Supplier<GatewaySettings> settings, VertxUpstream upstream) {
    DeploymentProbe probe = new DeploymentProbe(upstream);
    Access admin = Access.admin(plane.userCache());
    router.get("/health").handler(auth).handler(admin).handler(new HealthCheck(settings, probe)::handle);
    router.post("/health/test_connection").handler(auth).handler(admin).handler(body)
        .handler(new TestConnection(settings, probe)::handle);
    router.get("/tollgate/router/state").handler(auth).handler(Access.adminRead(plane.userCache()))
        .handler(new DeploymentStates(settings, System::currentTimeMillis)::handle);
  }
}
