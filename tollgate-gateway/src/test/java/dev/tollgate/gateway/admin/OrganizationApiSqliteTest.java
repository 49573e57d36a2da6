package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link OrganizationApiContract} on SQLite (a temp file). */
class OrganizationApiSqliteTest extends OrganizationApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
