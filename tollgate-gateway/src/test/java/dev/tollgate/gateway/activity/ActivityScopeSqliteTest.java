package dev.tollgate.gateway.activity;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link ActivityScopeContract} on SQLite (a temp file). */
class ActivityScopeSqliteTest extends ActivityScopeContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
