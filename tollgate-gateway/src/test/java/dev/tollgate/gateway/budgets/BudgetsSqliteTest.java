package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link BudgetsContract} on SQLite (a temp file). */
class BudgetsSqliteTest extends BudgetsContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }

  @Override
  String name() {
    return "sqlite";
  }
}
