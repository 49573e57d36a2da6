package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.entities.Membership;
import dev.tollgate.gateway.entities.UserTeams;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /team/member_add}, {@code /team/member_delete}, {@code /team/member_update}: proxy admins, and team
 * admins for their own team (LiteLLM's {@code _is_user_team_admin} rule).
 */
final class TeamMemberRoutes {
  private final ControlPlane plane;

  TeamMemberRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  void add(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("team_id", "member", "max_budget_in_team"));
      String teamId = EntityFields.requiredId(body, "team_id", "the team to add members to");
      Double memberBudget = MemberBudgets.parse(body);
      List<TeamMembers.Member> members = TeamMembers.parse("member", body.get("member"), true);
      if (members.isEmpty()) {
        throw ApiError.badRequest("'member' is required: {\"role\": \"user\", \"user_id\": \"...\"} or a list",
            "member");
      }
      mustAdminTeam(ctx, teamId);
      String by = Calls.changedBy(ctx);
      long now = System.currentTimeMillis();
      Replies.blocking(ctx, plane.database(), () -> {
        List<String> userIds = new ArrayList<>();
        List<String> budgetIds = new ArrayList<>();
        ObjectNode reply = plane.entities().transaction(c -> {
          TeamChecks.existing(c, teamId);
          ArrayNode updatedUsers = Json.MAPPER.createArrayNode();
          long joined = now; // one millisecond apart, so members list in the order given
          for (TeamMembers.Member m : members) {
            String userId = TeamMembers.ensureUser(c, m, now);
            Membership.TEAM.put(c, teamId, userId, m.role(), joined++);
            budgetIds.add(memberBudget == null ? MemberBudgets.budgetId(c, teamId, userId)
                : MemberBudgets.set(c, teamId, userId, memberBudget, by, now));
            UserTeams.sync(c, userId, now);
            userIds.add(userId);
            updatedUsers.add(EntityJson.of(EntityTables.USERS, UserRoutes.found(c, userId)));
          }
          AuditLog.record(c, by, "tg_team_members", teamId, "updated", null, body);
          ObjectNode out = TeamMembers.teamJson(c, TeamChecks.existing(c, teamId));
          out.set("updated_users", updatedUsers);
          out.set("updated_team_memberships", memberships(c, teamId, userIds, budgetIds, members));
          return out;
        });
        userIds.forEach(u -> EntityChanges.member(plane, teamId, u));
        return reply;
      });
    });
  }

  void delete(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("team_id", "user_id", "user_email"));
      String teamId = EntityFields.requiredId(body, "team_id", "the team to remove a member from");
      TeamMembers.Member m = one(body, null);
      mustAdminTeam(ctx, teamId);
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        String[] removed = new String[1];
        ObjectNode reply = plane.entities().transaction(c -> {
          TeamChecks.existing(c, teamId);
          String userId = TeamMembers.existingUser(c, m);
          if (!Membership.TEAM.remove(c, teamId, userId)) {
            throw Replies.notFound("User " + userId + " is not a member of team_id=" + teamId, "user_id");
          }
          UserTeams.sync(c, userId, System.currentTimeMillis());
          AuditLog.record(c, by, "tg_team_members", teamId, "deleted", body, null);
          removed[0] = userId;
          return TeamMembers.teamJson(c, TeamChecks.existing(c, teamId));
        });
        EntityChanges.member(plane, teamId, removed[0]);
        return reply;
      });
    });
  }

  void update(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("team_id", "user_id", "user_email", "role", "max_budget_in_team"));
      String teamId = EntityFields.requiredId(body, "team_id", "the team whose member to update");
      Double memberBudget = MemberBudgets.parse(body);
      String role = EntityFields.optionalString(body, "role");
      if (role == null && memberBudget == null) {
        throw ApiError.badRequest("'role' is required ('admin' or 'user'), unless 'max_budget_in_team' is given",
            "role");
      }
      if (role != null && !TeamMembers.ROLES.contains(role)) {
        throw ApiError.badRequest("'role' must be 'admin' or 'user'", "role");
      }
      TeamMembers.Member m = one(body, role);
      mustAdminTeam(ctx, teamId);
      String by = Calls.changedBy(ctx);
      long now = System.currentTimeMillis();
      Replies.blocking(ctx, plane.database(), () -> {
        String[] changed = new String[1];
        ObjectNode reply = plane.entities().transaction(c -> {
          TeamChecks.existing(c, teamId);
          String userId = TeamMembers.existingUser(c, m);
          if (!Membership.TEAM.members(c, teamId).containsKey(userId)) {
            throw Replies.notFound("User " + userId + " is not a member of team_id=" + teamId, "user_id");
          }
          String memberRole = role != null ? role : Membership.TEAM.members(c, teamId).get(userId);
          Membership.TEAM.put(c, teamId, userId, memberRole, now);
          if (memberBudget != null) {
            MemberBudgets.set(c, teamId, userId, memberBudget, by, now);
          }
          AuditLog.record(c, by, "tg_team_members", teamId, "updated", null, body);
          changed[0] = userId;
          ObjectNode out = Json.object();
          out.put("team_id", teamId);
          out.put("user_id", userId);
          out.put("role", memberRole);
          String budgetId = MemberBudgets.budgetId(c, teamId, userId);
          ObjectNode budget = BudgetLinks.attach(c, Json.object(), budgetId);
          JsonNode max = budget.path("litellm_budget_table").path("max_budget");
          out.set("max_budget_in_team", max.isMissingNode() ? null : max);
          return out;
        });
        EntityChanges.member(plane, teamId, changed[0]);
        return reply;
      });
    });
  }

  /** Proxy admins may change any team; anyone else must be an admin of this team. */
  private static void mustAdminTeam(RoutingContext ctx, String teamId) {
    Principal p = Principal.of(ctx);
    if (!p.isAdmin() && !p.isTeamAdmin(teamId)) {
      throw Access.forbidden("You are not an admin of team_id=" + teamId + "; only proxy admins and team admins "
          + "can change its members. Your role=" + p.role().wire());
    }
  }

  private static TeamMembers.Member one(ObjectNode body, String role) {
    String id = EntityFields.optionalString(body, "user_id");
    String email = EntityFields.optionalString(body, "user_email");
    if ((id == null || id.isBlank()) && (email == null || email.isBlank())) {
      throw ApiError.badRequest("'user_id' or 'user_email' is required: the member", "user_id");
    }
    return new TeamMembers.Member(id, email, role);
  }

  /** LiteLLM's {@code LiteLLM_TeamMembership} rows of the added members, with their budget rows. */
  private static ArrayNode memberships(Connection c, String teamId, List<String> userIds, List<String> budgetIds,
      List<TeamMembers.Member> members) throws SQLException {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (int i = 0; i < userIds.size(); i++) {
      ObjectNode m = out.addObject();
      m.put("team_id", teamId);
      m.put("user_id", userIds.get(i));
      m.put("role", members.get(i).role());
      m.put("spend", MemberBudgets.spend(c, teamId, userIds.get(i)));
      m.put("budget_id", budgetIds.get(i));
      BudgetLinks.attach(c, m, budgetIds.get(i));
    }
    return out;
  }

}
