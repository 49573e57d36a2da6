package dev.tollgate.gateway.store;

import dev.tollgate.gateway.support.TestDatabase;

class StorePostgresTest extends StoreContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }
}
