package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.entities.Membership;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /user/info} (a user, its keys and teams) and {@code GET /user/list} (paged, newest first; filtered by
 * role, team, part of the e-mail or, for one id, part of the user id, as LiteLLM filters).
 */
final class UserQueries {
  private final ControlPlane plane;

  UserQueries(ControlPlane plane) {
    this.plane = plane;
  }

  void info(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      Principal p = Principal.of(ctx);
      String asked = Calls.param(ctx, "user_id");
      String userId = asked == null ? p.userId() : asked;
      if (userId == null) {
        throw ApiError.badRequest("query parameter 'user_id' is required: the user to show", "user_id");
      }
      boolean self = p.role().readsAll() || userId.equals(p.userId());
      Replies.blocking(ctx, plane.database(), () -> plane.database().inline(c -> {
        if (!self && !teamAdminOf(p, Membership.TEAM.groupsOf(c, userId).keySet())
            && Membership.ORGANIZATION.groupsOf(c, userId).keySet().stream().noneMatch(p::isOrgAdmin)) {
          throw Access.forbidden("user_id=" + userId + " is not you: a " + p.role().wire()
              + " may only see its own user, or members of a team it is an admin of (or of an organization it is an "
              + "org_admin of)");
        }
        ObjectNode user = UserRoutes.found(c, userId);
        ObjectNode reply = Json.object();
        reply.put("user_id", userId);
        reply.set("user_info", EntityJson.of(EntityTables.USERS, user));
        ArrayNode keys = reply.putArray("keys");
        for (VirtualKey k : dev.tollgate.gateway.keys.KeyStore.ofUser(c, userId)) {
          keys.add(KeyJson.withToken(k));
        }
        ArrayNode teams = reply.putArray("teams");
        for (String teamId : Membership.TEAM.groupsOf(c, userId).keySet()) {
          EntityStore.findIn(c, EntityTables.TEAMS, teamId)
              .ifPresent(t -> teams.add(EntityJson.of(EntityTables.TEAMS, t)));
        }
        return reply;
      }));
    });
  }

  void list(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      int page = Calls.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
      int size = Calls.intParam(ctx, "page_size", 25, 1, 100);
      EntityStore.Where where = EntityStore.Where.ALL;
      String role = Calls.param(ctx, "role");
      if (role != null && !role.isBlank()) {
        if (dev.tollgate.gateway.auth.Role.parse(role.strip()) == null) {
          throw ApiError.badRequest("Invalid role '" + role + "'. Must be one of "
              + dev.tollgate.gateway.auth.Role.names(), "role");
        }
        where = where.and("user_role = ?", role.strip());
      }
      String email = Calls.param(ctx, "user_email");
      if (email != null && !email.isBlank()) { // LiteLLM: part of the address, any case
        EntityFields.noNul("user_email", email);
        where = where.and(TextMatch.condition("user_email"), TextMatch.pattern(email));
      }
      String team = Calls.param(ctx, "team");
      if (team != null && !team.isBlank()) {
        where = where.and("user_id IN (SELECT user_id FROM tg_team_members WHERE team_id = ?)", team.strip());
      }
      String ids = Calls.param(ctx, "user_ids");
      if (ids != null && !ids.isBlank() && !ids.contains(",")) { // LiteLLM: one id matches part of an id, any case
        EntityFields.noNul("user_ids", ids);
        where = where.and(TextMatch.condition("user_id"), TextMatch.pattern(ids));
      } else if (ids != null && !ids.isBlank()) {
        StringBuilder in = new StringBuilder();
        EntityStore.Where w = where;
        for (String id : ids.split(",")) {
          w = new EntityStore.Where(w.sql(), append(w.args(), id.strip()));
          in.append(in.length() == 0 ? "?" : ", ?");
        }
        where = new EntityStore.Where(w.sql() + " AND user_id IN (" + in + ")", w.args());
      }
      EntityStore.Where filter = where;
      Replies.blocking(ctx, plane.database(), () -> {
        EntityStore.Page found = plane.entities().list(EntityTables.USERS, filter, page, size);
        ObjectNode reply = Json.object();
        ArrayNode users = reply.putArray("users");
        found.rows().forEach(r -> users.add(EntityJson.of(EntityTables.USERS, r)));
        reply.put("total", found.total());
        reply.put("page", page);
        reply.put("page_size", size);
        reply.put("total_pages", (found.total() + size - 1) / size);
        return reply;
      });
    });
  }

  /** True when the caller is an admin of one of these teams (LiteLLM lets team admins see their members). */
  private static boolean teamAdminOf(Principal p, java.util.Set<String> teams) {
    return teams.stream().anyMatch(p::isTeamAdmin);
  }

  private static java.util.List<String> append(java.util.List<String> args, String arg) {
    java.util.List<String> out = new java.util.ArrayList<>(args);
    out.add(arg);
    return out;
  }
}
