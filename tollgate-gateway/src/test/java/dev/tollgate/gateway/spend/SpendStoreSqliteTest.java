package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link SpendStoreContract} on SQLite (a temp file). */
class SpendStoreSqliteTest extends SpendStoreContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
