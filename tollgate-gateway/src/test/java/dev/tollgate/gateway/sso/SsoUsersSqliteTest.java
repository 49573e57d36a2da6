package dev.tollgate.gateway.sso;

import dev.tollgate.gateway.support.TestDatabase;

class SsoUsersSqliteTest extends SsoUsersContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
