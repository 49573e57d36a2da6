package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link ModelBudgetsContract} on SQLite (a temp file). */
class ModelBudgetsSqliteTest extends ModelBudgetsContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }

  @Override
  String name() {
    return "sqlite";
  }
}
