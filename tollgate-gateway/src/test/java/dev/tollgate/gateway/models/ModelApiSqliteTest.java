package dev.tollgate.gateway.models;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link ModelApiContract} on SQLite (one temp file shared by both gateways). */
class ModelApiSqliteTest extends ModelApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
