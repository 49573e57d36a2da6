package dev.tollgate.gateway.budgets;

import java.util.List;

/**
 * A table whose rows carry {@code budget_duration} and {@code budget_reset_at}.
 *
 * @param spendReset the statement that zeroes the row's spend ({@code ?} = its id), or null when the row has no spend
 *     of its own
 * @param linkedResets statements that zero the spend of rows pointing at this one ({@code ?} = its id): the end users
 *     and members that use a shared budget row
 */
record BudgetTable(String table, String idColumn, String spendReset, List<String> linkedResets) {
  static final BudgetTable KEYS = own("tg_keys", "token");
  static final BudgetTable USERS = own("tg_users", "user_id");
  static final BudgetTable TEAMS = own("tg_teams", "team_id");
  static final BudgetTable BUDGETS = new BudgetTable("tg_budgets", "budget_id", null, List.of(
      "UPDATE tg_end_users SET spend = 0 WHERE budget_id = ?",
      "UPDATE tg_team_members SET spend = 0 WHERE budget_id = ?",
      "UPDATE tg_organization_members SET spend = 0 WHERE budget_id = ?"));
  static final List<BudgetTable> ALL = List.of(KEYS, USERS, TEAMS, BUDGETS);

  private static BudgetTable own(String table, String idColumn) {
    return new BudgetTable(table, idColumn, "UPDATE " + table + " SET spend = 0 WHERE " + idColumn + " = ?", List.of());
  }
}
