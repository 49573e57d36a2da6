package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.entities.Membership;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import io.vertx.ext.web.RoutingContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * {@code GET /team/info} (the team with {@code members_with_roles}, its keys, memberships and current spend) and
 * {@code GET /team/list}. A caller that is not a proxy admin or viewer sees only teams it is a member of.
 */
final class TeamQueries {
  private final ControlPlane plane;

  TeamQueries(ControlPlane plane) {
    this.plane = plane;
  }

  void info(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      String teamId = Calls.requiredParam(ctx, "team_id", "the team to show");
      Principal p = Principal.of(ctx);
      if (!p.role().readsAll() && !p.isTeamMember(teamId)) {
        throw Access.forbidden("You are not a member of team_id=" + teamId + "; only its members and proxy admins "
            + "can see it");
      }
      Replies.blocking(ctx, plane.database(), () -> plane.database().inline(c -> {
        ObjectNode team = TeamChecks.existing(c, teamId);
        ObjectNode info = TeamMembers.teamJson(c, team);
        ArrayNode keys = Json.MAPPER.createArrayNode();
        double pending = 0;
        for (VirtualKey k : KeyStore.ofTeam(c, teamId)) {
          keys.add(KeyJson.withToken(k));
          pending += plane.pendingSpend().of(k.token());
        }
        info.put("spend", team.path("spend").asDouble() + pending); // stored plus not yet written
        ObjectNode reply = Json.object();
        reply.put("team_id", teamId);
        reply.set("team_info", info);
        reply.set("keys", keys);
        reply.set("team_memberships", memberships(c, teamId));
        return reply;
      }));
    });
  }

  void list(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      Principal p = Principal.of(ctx);
      String userId = Calls.param(ctx, "user_id");
      String orgId = Calls.param(ctx, "organization_id");
      if (!p.role().readsAll()) {
        if (userId != null && !userId.isBlank() && !userId.strip().equals(p.userId())) {
          throw Access.forbidden("Only admin users can query all teams/other teams. Your user role="
              + p.role().wire());
        }
        if (p.userId() == null) {
          throw Access.forbidden("this key has no user, so it belongs to no team");
        }
        userId = p.userId();
      }
      EntityStore.Where where = EntityStore.Where.ALL;
      if (!p.role().readsAll() && p.adminsAnOrganization()) {
        // its own teams and every team of the organizations it is an org_admin of
        where = new EntityStore.Where("(" + Membership.TEAM.groupsOfUserCondition() + " OR organization_id IN "
            + "(SELECT organization_id FROM tg_organization_members WHERE user_id = ? AND user_role = 'org_admin'))",
            List.of(userId, userId));
      } else if (userId != null && !userId.isBlank()) {
        where = where.and(Membership.TEAM.groupsOfUserCondition(),
            userId.strip());
      }
      if (orgId != null && !orgId.isBlank()) {
        where = where.and("organization_id = ?", orgId.strip());
      }
      EntityStore.Where filter = where;
      Replies.blocking(ctx, plane.database(), () -> {
        EntityStore.Page found = plane.entities().list(EntityTables.TEAMS, filter, 1, 0);
        return plane.database().inline(c -> {
          ArrayNode teams = Json.MAPPER.createArrayNode();
          for (ObjectNode t : found.rows()) {
            teams.add(TeamMembers.teamJson(c, t));
          }
          return teams;
        });
      });
    });
  }

  private static ArrayNode memberships(java.sql.Connection c, String teamId) throws java.sql.SQLException {
    ArrayNode out = Json.MAPPER.createArrayNode();
    try (PreparedStatement s = c.prepareStatement("SELECT user_id, role, spend, budget_id FROM tg_team_members "
        + "WHERE team_id = ? ORDER BY created_at, user_id")) {
      s.setString(1, teamId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode m = out.addObject();
          m.put("team_id", teamId);
          m.put("user_id", r.getString(1));
          m.put("role", r.getString(2));
          m.put("spend", r.getDouble(3));
          m.put("budget_id", r.getString(4));
        }
      }
    }
    for (com.fasterxml.jackson.databind.JsonNode m : out) { // LiteLLM includes each member's budget row
      BudgetLinks.attach(c, (ObjectNode) m, m.path("budget_id").asText(null));
    }
    return out;
  }

}
