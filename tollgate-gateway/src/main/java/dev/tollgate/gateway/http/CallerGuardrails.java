package dev.tollgate.gateway.http;

import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.budgets.Entity;
import dev.tollgate.gateway.guardrails.GuardrailSet;
import dev.tollgate.gateway.guardrails.TeamGuardrails;
import io.vertx.ext.web.RoutingContext;

/**
 * The guardrails a request is served with: the snapshot's {@link GuardrailSet}, seen through the calling key's team
 * (its {@code guardrails} and {@code disable_global_guardrails}, carried by the cached team entity that
 * {@link CallStart} found, so this costs no database round trip). A team change reaches requests when the management
 * API invalidates the team's entry (on every instance).
 */
final class CallerGuardrails {
  private CallerGuardrails() {}

  static GuardrailSet of(RoutingContext ctx, GatewaySettings current) {
    Entity team = CallStart.entities(ctx).team();
    if (team == null || (team.guardrails().isEmpty() && team.disableGlobalGuardrails() == null)) {
      return current.guardrails();
    }
    return current.guardrails().forTeam(new TeamGuardrails(team.guardrails(), team.disableGlobalGuardrails()));
  }
}
