package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link OrganizationApiContract} on PostgreSQL (a fresh schema, dropped after). */
class OrganizationApiPostgresTest extends OrganizationApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
