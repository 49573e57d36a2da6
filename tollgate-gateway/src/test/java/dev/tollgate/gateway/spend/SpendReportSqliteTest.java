package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link SpendReportContract} on SQLite (a temp file). */
class SpendReportSqliteTest extends SpendReportContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
