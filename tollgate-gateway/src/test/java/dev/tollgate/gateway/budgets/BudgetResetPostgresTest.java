package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link BudgetResetContract} on PostgreSQL (a fresh schema, dropped after). */
class BudgetResetPostgresTest extends BudgetResetContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
