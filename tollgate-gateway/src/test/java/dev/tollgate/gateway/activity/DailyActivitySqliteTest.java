package dev.tollgate.gateway.activity;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link DailyActivityContract} on SQLite (a temp file). */
class DailyActivitySqliteTest extends DailyActivityContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
