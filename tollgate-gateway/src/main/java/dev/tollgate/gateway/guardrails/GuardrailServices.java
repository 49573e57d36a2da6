package dev.tollgate.gateway.guardrails;

import dev.tollgate.gateway.upstream.VertxUpstream;
import io.vertx.core.Vertx;

/**
 * What a remote guardrail may use, per event loop: Vert.x (timers), the loop's pooled keep-alive HTTP client (the
 * same one upstream calls use), and the gateway's own model calls through its router ({@link ModelCalls}).
 */
public record GuardrailServices(Vertx vertx, VertxUpstream http, ModelCalls models) {}
