package dev.tollgate.gateway.keys;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link KeyApiContract} on PostgreSQL (a fresh schema, dropped after). */
class KeyApiPostgresTest extends KeyApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
