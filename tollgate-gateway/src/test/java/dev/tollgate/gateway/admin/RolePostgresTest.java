package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link RoleContract} on PostgreSQL (a fresh schema, dropped after). */
class RolePostgresTest extends RoleContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
