package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link BudgetsContract} on PostgreSQL (a fresh schema, dropped after). */
class BudgetsPostgresTest extends BudgetsContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  String name() {
    return "postgresql";
  }
}
