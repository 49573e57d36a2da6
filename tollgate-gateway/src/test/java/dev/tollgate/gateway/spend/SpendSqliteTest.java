package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link SpendContract} on SQLite (a temp file). */
class SpendSqliteTest extends SpendContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }

  @Override
  String name() {
    return "sqlite";
  }
}
