package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link CustomerApiContract} on SQLite (a temp file). */
class CustomerApiSqliteTest extends CustomerApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
