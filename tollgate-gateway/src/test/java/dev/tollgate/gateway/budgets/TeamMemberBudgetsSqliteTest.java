package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link TeamMemberBudgetsContract} on SQLite (a temp file). */
class TeamMemberBudgetsSqliteTest extends TeamMemberBudgetsContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }

  @Override
  String name() {
    return "sqlite";
  }
}
