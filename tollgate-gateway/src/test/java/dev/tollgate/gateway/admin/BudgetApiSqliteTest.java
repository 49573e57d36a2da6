package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link BudgetApiContract} on SQLite (a temp file). */
class BudgetApiSqliteTest extends BudgetApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
