package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link SpendReportContract} on PostgreSQL (a fresh schema, dropped after). */
class SpendReportPostgresTest extends SpendReportContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
