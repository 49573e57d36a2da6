package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code max_budget_in_team}: a member's budget inside one team. As LiteLLM keeps it, the amount is the
 * {@code max_budget} of a budget row ({@code tg_budgets}) linked from the membership
 * ({@code tg_team_members.budget_id}, LiteLLM's {@code LiteLLM_TeamMembership.budget_id}); the member's spend in the
 * team is
 * {@code tg_team_members.spend}.
 */
final class MemberBudgets {
  static final String FIELD = "max_budget_in_team";

  private MemberBudgets() {}

  /** The amount {@code body} asks for; null when absent or null. A negative or non-number value is a 400. */
  static Double parse(ObjectNode body) {
    JsonNode v = body.get(FIELD);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
      throw ApiError.badRequest("'" + FIELD + "' must be a number of at least 0 (dollars), got " + v, FIELD);
    }
    return v.asDouble();
  }

  /** Sets the member's budget (its budget row, made when it has none); returns the budget id. */
  static String set(Connection c, String teamId, String userId, double maxBudget, String changedBy, long now)
      throws SQLException {
    ObjectNode asked = Json.object();
    asked.put("max_budget", maxBudget);
    String current = budgetId(c, teamId, userId);
    String id = BudgetLinks.write(c, current, BudgetLinks.fields(asked, now), changedBy, now);
    if (!id.equals(current)) {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE tg_team_members SET budget_id = ? WHERE team_id = ? AND user_id = ?")) {
        s.setString(1, id);
        s.setString(2, teamId);
        s.setString(3, userId);
        s.executeUpdate();
      }
    }
    return id;
  }

  /** The membership's budget id, or null. */
  static String budgetId(Connection c, String teamId, String userId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT budget_id FROM tg_team_members WHERE team_id = ? AND user_id = ?")) {
      s.setString(1, teamId);
      s.setString(2, userId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** The membership's spend in its team (0 when it is not a member). */
  static double spend(Connection c, String teamId, String userId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT spend FROM tg_team_members WHERE team_id = ? AND user_id = ?")) {
      s.setString(1, teamId);
      s.setString(2, userId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getDouble(1) : 0.0;
      }
    }
  }
}
