package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link TeamMemberBudgetsContract} on PostgreSQL (a fresh schema, dropped after). */
class TeamMemberBudgetsPostgresTest extends TeamMemberBudgetsContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  String name() {
    return "postgresql";
  }
}
