package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.models.AccessGroups;
import dev.tollgate.gateway.spend.PendingSpend;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The key's {@code model_max_budget} ({@link ModelBudgetCheck}), then the checks LiteLLM runs on the entities above a
 * key before a call ({@code common_checks}), in its order and with its messages: the team is not blocked (401), the team may use the model (401 {@code team_model_access_denied}), the
 * end user is not blocked (400), then the budgets of the team, the key's user inside the team
 * ({@code max_budget_in_team}), organization, user (personal keys only, as LiteLLM)
 * and end user (400 {@code budget_exceeded}); teams and end users are refused when strictly over, organizations
 * (with a budget above 0) and users when at or over, as LiteLLM compares them. Spend is the cached row's stored spend plus the spend counted but not
 * yet written ({@link PendingSpend}). Soft budgets of the key and every entity are recorded on the way
 * ({@link SoftBudgets}). The key's own budget is checked earlier, by {@code KeyAuth}.
 */
public final class BudgetChecks {
  private final PendingSpend pending;
  private final SoftBudgets soft;

  public BudgetChecks(PendingSpend pending, SoftBudgets soft) {
    this.pending = pending;
    this.soft = soft;
  }

  /** Throws the {@link ApiError} LiteLLM answers when the request may not go on. */
  public void check(VirtualKey key, double keySpend, RequestEntities e, String model) {
    check(key, keySpend, e, model, AccessGroups.none());
  }

  /** As above; {@code groups} are the serving snapshot's model access groups, which a team's models may name. */
  public void check(VirtualKey key, double keySpend, RequestEntities e, String model, AccessGroups groups) {
    ModelBudgetCheck.check(key, model, pending);
    Entity team = e.team();
    if (team != null && team.blocked()) {
      throw new ApiError(401, "auth_error", "Authentication Error, Team=" + team.id()
          + " is blocked. Update via `/team/unblock` if you're an admin.", null);
    }
    if (team != null && model != null && !teamAllows(team.models(), model, groups)) {
      throw new ApiError(401, "team_model_access_denied", "Team not allowed to access model. Team=" + team.id()
          + ", Model=" + model + ". Allowed team models = " + pythonList(team.models()), "model");
    }
    Entity endUser = e.endUser();
    if (endUser != null && endUser.blocked()) {
      throw new ApiError(400, "invalid_request_error",
          "User blocked from making LLM API Calls. User=" + endUser.id(), "user");
    }
    if (key != null) {
      soft.check("key", key.token(), keySpend, key.softBudget(), key.budgetResetAt());
    }
    if (team != null) {
      double spend = spend(team);
      if (team.maxBudget() != null && spend > team.maxBudget()) { // LiteLLM: strictly over, for teams
        throw exceeded("Budget has been exceeded! Team=" + team.id() + " Current cost: " + spend
            + ", Max budget: " + team.maxBudget());
      }
      soft.check("team", team.id(), spend, team.softBudget(), team.budgetResetAt());
    }
    Entity member = e.teamMember();
    if (team != null && member != null && e.user() != null && member.maxBudget() != null) {
      double spend = spend(member); // LiteLLM: at or over, and only for a stored user
      if (spend >= member.maxBudget()) {
        throw exceeded("Budget has been exceeded! User=" + e.user().id() + " in Team=" + team.id()
            + " Current cost: " + spend + ", Max budget: " + member.maxBudget());
      }
    }
    Entity org = e.organization();
    if (org != null) {
      double spend = spend(org);
      if (org.maxBudget() != null && org.maxBudget() > 0 && spend >= org.maxBudget()) { // LiteLLM ignores <= 0
        throw exceeded("Budget has been exceeded! Organization=" + org.id() + " Current cost: " + spend
            + ", Max budget: " + org.maxBudget());
      }
      soft.check("organization", org.id(), spend, org.softBudget(), org.budgetResetAt());
    }
    Entity user = e.user();
    if (user != null) {
      double spend = spend(user);
      // LiteLLM checks a user's own budget for personal keys only: a team key spends the team's budget
      if (team == null && user.maxBudget() != null && spend >= user.maxBudget()) {
        throw exceeded("ExceededBudget: User=" + user.id() + " over budget. Spend=" + spend + ", Budget="
            + user.maxBudget());
      }
      soft.check("user", user.id(), spend, user.softBudget(), user.budgetResetAt());
    }
    if (endUser != null) {
      double spend = spend(endUser);
      if (endUser.maxBudget() != null && spend > endUser.maxBudget()) {
        throw exceeded("ExceededBudget: End User=" + endUser.id() + " over budget. Spend=" + spend + ", Budget="
            + endUser.maxBudget());
      }
      soft.check("end_user", endUser.id(), spend, endUser.softBudget(), endUser.budgetResetAt());
    }
  }

  /** Stored spend plus the spend counted but not yet written. */
  public double spend(Entity entity) {
    return entity.spend() + pending.of(PendingSpend.entity(entity.kind().id(), entity.id()));
  }

  /** As {@link #teamAllows(List, String)}, or one of the team's models is an access group of the model. */
  public static boolean teamAllows(List<String> models, String model, AccessGroups groups) {
    return teamAllows(models, model) || groups.grants(models, model);
  }

  /** Empty, {@code all-proxy-models}, the model itself or a {@code prefix/*} entry matching it. */
  public static boolean teamAllows(List<String> models, String model) {
    if (models.isEmpty() || models.contains("all-proxy-models")) {
      return true;
    }
    for (String m : models) {
      if (m.equals(model) || (m.endsWith("*") && model.startsWith(m.substring(0, m.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  private static ApiError exceeded(String message) {
    return new ApiError(400, "budget_exceeded", message, null);
  }

  private static String pythonList(List<String> values) {
    return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
  }
}
