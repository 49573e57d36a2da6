package dev.tollgate.gateway.http;

import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.budgets.Entity;
import dev.tollgate.gateway.guardrails.GuardrailSet;
import io.vertx.ext.web.RoutingContext;

/**
 * The guardrails a request is served with: the snapshot's {@link GuardrailSet}, seen through the calling key's team
 * (its {@code guardrails}, {@code disable_global_guardrails}, {@code opted_out_global_guardrails} and whether
 * requests may name guardrails, carried by the cached team entity that
 * {@link CallStart} found, so this costs no database round trip). A team change reaches requests when the management
 * API invalidates the team's entry (on every instance).
 */
final class CallerGuardrails {
  private CallerGuardrails() {}

  static GuardrailSet of(RoutingContext ctx, GatewaySettings current) {
    Entity team = CallStart.entities(ctx).team();
    return team == null ? current.guardrails() : current.guardrails().forTeam(team.guardrails());
  }
}
