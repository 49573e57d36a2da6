package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link SpendStoreContract} on PostgreSQL (a fresh schema, dropped after). */
class SpendStorePostgresTest extends SpendStoreContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
