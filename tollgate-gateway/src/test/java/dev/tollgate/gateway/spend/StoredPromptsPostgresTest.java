package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link StoredPromptsContract} on PostgreSQL. */
class StoredPromptsPostgresTest extends StoredPromptsContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
