package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link SpendLogsUiContract} on SQLite (a temp file). */
class SpendLogsUiSqliteTest extends SpendLogsUiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
