package dev.tollgate.gateway.metrics;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: Prometheus' text format. Open like LiteLLM's (scrapers carry no key); put it behind the
 * network's access rules, as for LiteLLM.
 */
public final class MetricsHandler implements Handler<RoutingContext> {
  private final GatewayMetrics metrics;

  public MetricsHandler(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
  }
}
