package dev.tollgate.gateway.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Whose activity a caller may read, as LiteLLM scopes these endpoints. Proxy admins and admin viewers read every
 * entity (no ids: all of them). Anyone else reads:
 * <ul>
 *   <li>users: their own activity only ({@code user_id} defaults to theirs; another one is a 403);</li>
 *   <li>teams: the teams they are an admin of (an organization's {@code org_admin} is admin of its teams), and the
 *       teams they are a member of whose {@code team_member_permissions} grant the route (LiteLLM's
 *       {@code /team/daily/activity} member permission); {@code team_ids} defaults to all of those, and naming
 *       another team is a 403;</li>
 *   <li>organizations: those they are {@code org_admin} of, likewise.</li>
 * </ul>
 * Customers and tags are for admins and admin viewers only (checked by the route).
 */
final class ActivityScope {
  private ActivityScope() {}

  /** The request narrowed to what {@code p} may read, or a 403. Blocking (reads team permissions). */
  static ActivityRequest narrow(Connection c, ActivityRequest q, Principal p, String route) throws SQLException {
    if (p.role().readsAll()) {
      return q;
    }
    return switch (q.kind().entityType()) {
      case "user" -> ownUser(q, p);
      case "team" -> within(q, teams(c, p, route), "team", "You are not an admin of team '%s', and it does not "
          + "grant its members " + route + ". Call /user/info to see your teams.");
      case "organization" -> within(q, organizations(p), "organization",
          "User is not org_admin for Organization= %s.");
      default -> throw forbidden("Only proxy admins and admin viewers can read " + route + ".");
    };
  }

  private static ActivityRequest ownUser(ActivityRequest q, Principal p) {
    if (p.userId() == null) {
      throw forbidden("This key belongs to no user, so it has no user activity to show; non-admin users can only "
          + "view their own spend data.");
    }
    if (q.ids() != null && !q.ids().equals(List.of(p.userId()))) {
      throw forbidden("Non-admin users can only view their own spend data.");
    }
    return q.withIds(List.of(p.userId()));
  }

  private static ActivityRequest within(ActivityRequest q, List<String> visible, String what, String refusal) {
    if (q.ids() == null) {
      if (visible.isEmpty()) {
        throw forbidden("You are not allowed to read any " + what + "'s activity: only proxy admins, admin viewers "
            + "and " + what + " admins can.");
      }
      return q.withIds(visible);
    }
    for (String id : q.ids()) {
      if (!visible.contains(id)) {
        throw forbidden(String.format(refusal, id));
      }
    }
    return q;
  }

  /** The teams {@code p} administers, plus those of its memberships that grant {@code route} to members. */
  private static List<String> teams(Connection c, Principal p, String route) throws SQLException {
    List<String> out = new ArrayList<>();
    List<String> memberOnly = new ArrayList<>();
    for (Map.Entry<String, String> t : p.teamRoles().entrySet()) {
      (p.isTeamAdmin(t.getKey()) ? out : memberOnly).add(t.getKey());
    }
    if (!memberOnly.isEmpty()) {
      String sql = "SELECT team_id, team_member_permissions FROM tg_teams WHERE team_id IN ("
          + String.join(", ", Collections.nCopies(memberOnly.size(), "?")) + ")";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < memberOnly.size(); i++) {
          s.setString(i + 1, memberOnly.get(i));
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            if (grants(r.getString(2), route)) {
              out.add(r.getString(1));
            }
          }
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  /** A member permission list grants the route, or the paged route for its {@code /aggregated} variant. */
  private static boolean grants(String permissions, String route) {
    JsonNode list;
    try {
      list = permissions == null ? null : Json.MAPPER.readTree(permissions);
    } catch (java.io.IOException unreadable) {
      return false; // a permission list that is not JSON grants nothing
    }
    if (list == null || !list.isArray()) {
      return false;
    }
    String paged = route.replace("/aggregated", "");
    for (JsonNode n : list) {
      if (n.asText().equals(route) || n.asText().equals(paged)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> organizations(Principal p) {
    return p.organizationRoles().keySet().stream().filter(p::isOrgAdmin).sorted().toList();
  }

  private static ApiError forbidden(String message) {
    return new ApiError(403, "auth_error", message, null);
  }
}
