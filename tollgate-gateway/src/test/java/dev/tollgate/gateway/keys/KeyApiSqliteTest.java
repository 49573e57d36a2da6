package dev.tollgate.gateway.keys;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link KeyApiContract} on SQLite (a temp file). */
class KeyApiSqliteTest extends KeyApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
