package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link TeamApiContract} on PostgreSQL (a fresh schema, dropped after). */
class TeamApiPostgresTest extends TeamApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
