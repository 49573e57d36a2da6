package dev.tollgate.gateway.store;

import dev.tollgate.gateway.support.TestDatabase;

class StoreSqliteTest extends StoreContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }

  @Override
  Dialect dialect() {
    return Dialect.SQLITE;
  }
}
