package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link OrgAdminContract} on PostgreSQL (a fresh schema, dropped after). */
class OrgAdminPostgresTest extends OrgAdminContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
