package dev.tollgate.gateway.activity;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link DailyActivityContract} on PostgreSQL (a fresh schema, dropped after). */
class DailyActivityPostgresTest extends DailyActivityContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
