package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link UserApiContract} on PostgreSQL (a fresh schema, dropped after). */
class UserApiPostgresTest extends UserApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
