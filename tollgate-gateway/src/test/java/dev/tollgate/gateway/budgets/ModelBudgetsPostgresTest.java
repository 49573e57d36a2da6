package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link ModelBudgetsContract} on PostgreSQL (a fresh schema, dropped after). */
class ModelBudgetsPostgresTest extends ModelBudgetsContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  String name() {
    return "postgresql";
  }
}
