package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.http.ApiError;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an organization admin (a user whose {@code tg_organization_members.user_role} is {@code org_admin} there, as
 * LiteLLM's {@code _user_is_org_admin} reads it) may do with teams: create them inside its organizations, change and
 * block the teams of its organizations, and never give a team more than its organization has (models, max_budget).
 * Proxy admins pass every check. Members and keys of those teams follow from the org admin being an admin of every
 * team of its organizations ({@code UserCache}).
 */
final class OrgScope {
  private OrgScope() {}

  /** A team may be put in {@code organizationId} by {@code p}. */
  static void mayPlaceTeamIn(Principal p, String organizationId) {
    if (p.isAdmin()) {
      return;
    }
    if (organizationId == null || organizationId.isBlank()) {
      throw Access.forbidden("Only proxy admins can create teams outside an organization; pass the "
          + "'organization_id' of an organization you are an org_admin of. Your role=" + p.role().wire());
    }
    if (!p.isOrgAdmin(organizationId)) {
      throw Access.forbidden("You are not an org_admin of organization_id=" + organizationId
          + "; you cannot put a team in it. Your role=" + p.role().wire());
    }
  }

  /** {@code team} (a stored row) may be changed by {@code p}. */
  static void mayManageTeam(Principal p, ObjectNode team) {
    if (p.isAdmin()) {
      return;
    }
    String org = team.path("organization_id").asText(null);
    if (org == null || !p.isOrgAdmin(org)) {
      throw Access.forbidden("You are not an org_admin of the organization of team_id="
          + team.path("team_id").asText() + "; only proxy admins and its organization's admins can change it. "
          + "Your role=" + p.role().wire());
    }
  }

  /**
   * A team an org admin makes or changes stays within its organization: its {@code models} must be among the
   * organization's (when it lists any) and its {@code max_budget} at most the organization's budget row's.
   */
  static void withinOrganization(Connection c, Principal p, String organizationId, ObjectNode team)
      throws SQLException {
    if (p.isAdmin() || organizationId == null) {
      return;
    }
    ObjectNode org = OrganizationRoutes.existing(c, organizationId);
    List<String> orgModels = strings(org.get("models"));
    List<String> teamModels = strings(team.get("models"));
    if (!orgModels.isEmpty() && !orgModels.contains("all-proxy-models")) {
      if (teamModels.isEmpty()) {
        throw ApiError.badRequest("The team must list its models, a subset of organization_id=" + organizationId
            + "'s models " + orgModels, "models");
      }
      for (String m : teamModels) {
        if (!orgModels.contains(m)) {
          throw ApiError.badRequest("Model '" + m + "' is not in organization_id=" + organizationId
              + "'s models " + orgModels, "models");
        }
      }
    }
    String budgetId = org.path("budget_id").asText(null);
    Optional<ObjectNode> budget = budgetId == null ? Optional.empty()
        : EntityStore.findIn(c, EntityTables.BUDGETS, budgetId);
    JsonNode orgMax = budget.map(b -> b.get("max_budget")).orElse(null);
    if (orgMax != null && orgMax.isNumber()) {
      JsonNode teamMax = team.get("max_budget");
      if (teamMax == null || !teamMax.isNumber() || teamMax.asDouble() > orgMax.asDouble()) {
        throw ApiError.badRequest("The team's max_budget (" + (teamMax == null ? "none" : teamMax.asText())
            + ") must be set and at most organization_id=" + organizationId + "'s max_budget "
            + orgMax.asDouble(), "max_budget");
      }
    }
  }

  private static List<String> strings(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      v.forEach(n -> out.add(n.asText()));
    } else if (v != null && v.isTextual() && v.asText().startsWith("[")) {
      dev.tollgate.providers.types.Json.tree(v.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
