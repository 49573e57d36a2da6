package dev.tollgate.gateway.sso;

import dev.tollgate.gateway.support.TestDatabase;

class SsoUsersPostgresTest extends SsoUsersContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
