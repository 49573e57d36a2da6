package dev.tollgate.gateway.activity;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link ActivityScopeContract} on PostgreSQL (a fresh schema, dropped after). */
class ActivityScopePostgresTest extends ActivityScopeContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
