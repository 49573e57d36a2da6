package dev.tollgate.gateway.guardrails.stored;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link GuardrailApiContract} on SQLite (one file shared by both gateways). */
class GuardrailApiSqliteTest extends GuardrailApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }
}
