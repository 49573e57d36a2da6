package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link RoleContract} on SQLite (a temp file). */
class RoleSqliteTest extends RoleContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
