package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link StoredPromptsContract} on SQLite. */
class StoredPromptsSqliteTest extends StoredPromptsContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
