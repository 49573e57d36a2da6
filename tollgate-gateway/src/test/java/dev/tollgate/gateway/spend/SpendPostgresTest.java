package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link SpendContract} on PostgreSQL (a fresh schema, dropped after). */
class SpendPostgresTest extends SpendContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  String name() {
    return "postgresql";
  }
}
