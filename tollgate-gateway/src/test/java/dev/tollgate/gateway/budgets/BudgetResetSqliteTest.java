package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link BudgetResetContract} on SQLite (a temp file). */
class BudgetResetSqliteTest extends BudgetResetContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
