package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link CustomerApiContract} on PostgreSQL (a fresh schema, dropped after). */
class CustomerApiPostgresTest extends CustomerApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
