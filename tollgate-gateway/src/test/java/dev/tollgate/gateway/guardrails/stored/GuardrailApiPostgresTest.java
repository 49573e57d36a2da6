package dev.tollgate.gateway.guardrails.stored;

import dev.tollgate.gateway.support.TestDatabase;

/** {@link GuardrailApiContract} on PostgreSQL (one fresh schema shared by both gateways). */
class GuardrailApiPostgresTest extends GuardrailApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
