package dev.tollgate.gateway.entities;

import static dev.tollgate.gateway.entities.Column.bool;
import static dev.tollgate.gateway.entities.Column.count;
import static dev.tollgate.gateway.entities.Column.duration;
import static dev.tollgate.gateway.entities.Column.list;
import static dev.tollgate.gateway.entities.Column.money;
import static dev.tollgate.gateway.entities.Column.object;
import static dev.tollgate.gateway.entities.Column.text;
import static dev.tollgate.gateway.entities.Column.time;

import java.util.List;
import java.util.Set;

/** The control-plane entity tables (migrations V1 and V2), with LiteLLM's column names. */
public final class EntityTables {
  private EntityTables() {}

  /** The limit and budget fields shared by users, teams and budgets. */
  private static final Set<String> LIMITS = Set.of("max_budget", "soft_budget", "budget_duration", "tpm_limit",
      "rpm_limit", "max_parallel_requests", "model_max_budget");

  /** Internal users (LiteLLM_UserTable). */
  public static final EntityTable USERS = new EntityTable("user", "tg_users", "user_id", List.of(
      text("user_id"), text("user_alias"), text("user_email"), text("user_role"), text("sso_user_id"),
      text("team_id"), list("teams"), text("organization_id"), list("models"), object("metadata"),
      money("spend"), money("max_budget"), money("soft_budget"), duration("budget_duration"),
      time("budget_reset_at"), count("tpm_limit"), count("rpm_limit"), count("max_parallel_requests"),
      object("model_spend"), object("model_max_budget"), list("allowed_cache_controls"), time("created_at"),
      time("updated_at")),
      union(LIMITS, Set.of("user_alias", "user_email", "user_role", "organization_id", "models",
          "metadata", "spend", "allowed_cache_controls")));

  /** Teams (LiteLLM_TeamTable); members live in {@code tg_team_members}. */
  public static final EntityTable TEAMS = new EntityTable("team", "tg_teams", "team_id", List.of(
      text("team_id"), text("team_alias"), text("organization_id"), list("models"), object("metadata"),
      list("tags"), object("model_aliases"), list("team_member_permissions"), money("spend"), money("max_budget"),
      money("soft_budget"), duration("budget_duration"), time("budget_reset_at"), count("tpm_limit"),
      count("rpm_limit"), count("max_parallel_requests"), object("model_rpm_limit"), object("model_tpm_limit"),
      object("model_spend"), object("model_max_budget"), bool("blocked"), time("created_at"), time("updated_at")),
      union(LIMITS, Set.of("team_alias", "organization_id", "models", "metadata", "tags", "model_aliases",
          "team_member_permissions", "model_rpm_limit", "model_tpm_limit", "blocked")));

  /** Organizations (LiteLLM_OrganizationTable); limits live in the budget row {@code budget_id}. */
  public static final EntityTable ORGANIZATIONS = new EntityTable("organization", "tg_organizations",
      "organization_id", List.of(text("organization_id"), text("organization_alias"), text("budget_id"),
      list("models"), object("metadata"), money("spend"), object("model_spend"), time("created_at"),
      time("updated_at")),
      Set.of("organization_alias", "budget_id", "models", "metadata"));

  /** Customers / end users (LiteLLM_EndUserTable); limits live in the budget row {@code budget_id}. */
  public static final EntityTable END_USERS = new EntityTable("customer", "tg_end_users", "user_id", List.of(
      text("user_id"), text("alias"), money("spend"), text("allowed_model_region"), text("default_model"),
      text("budget_id"), bool("blocked"), object("metadata"), time("created_at"), time("updated_at")),
      Set.of("alias", "spend", "allowed_model_region", "default_model", "budget_id", "blocked", "metadata"));

  /** Shared budgets (LiteLLM_BudgetTable). */
  public static final EntityTable BUDGETS = new EntityTable("budget", "tg_budgets", "budget_id", List.of(
      text("budget_id"), money("max_budget"), money("soft_budget"), count("max_parallel_requests"),
      count("tpm_limit"), count("rpm_limit"), object("model_max_budget"), duration("budget_duration"),
      time("budget_reset_at"), list("allowed_models"), time("created_at"), text("created_by"), time("updated_at"),
      text("updated_by")),
      union(LIMITS, Set.of("allowed_models")));

  /** The budget fields that {@code /organization/*} and {@code /customer/*} bodies carry into their budget row. */
  public static final Set<String> BUDGET_FIELDS = Set.of("max_budget", "soft_budget", "max_parallel_requests",
      "tpm_limit", "rpm_limit", "model_max_budget", "budget_duration");

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return out;
  }
}
