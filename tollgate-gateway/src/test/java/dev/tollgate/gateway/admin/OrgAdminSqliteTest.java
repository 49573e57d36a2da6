package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link OrgAdminContract} on SQLite (a temp file). */
class OrgAdminSqliteTest extends OrgAdminContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
