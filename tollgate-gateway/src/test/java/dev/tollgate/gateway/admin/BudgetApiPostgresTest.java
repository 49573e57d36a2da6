package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link BudgetApiContract} on PostgreSQL (a fresh schema, dropped after). */
class BudgetApiPostgresTest extends BudgetApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
