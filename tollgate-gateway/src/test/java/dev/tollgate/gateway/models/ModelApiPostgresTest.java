package dev.tollgate.gateway.models;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link ModelApiContract} on PostgreSQL (one fresh schema shared by both gateways). */
class ModelApiPostgresTest extends ModelApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
