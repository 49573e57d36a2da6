package dev.tollgate.gateway.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.providers.types.Json;
import org.junit.jupiter.api.Test;

/** LiteLLM's unreachable_fallback and fail_on_error, and which failures each lets through. */
class FailurePolicyTest {
  private static final GuardrailFailure TIMEOUT = GuardrailFailure.timeout("slow");
  private static final GuardrailFailure DOWN = GuardrailFailure.unreachable("503");
  private static final GuardrailFailure BROKEN = GuardrailFailure.error("500");

  @Test
  void theDefaultFailsClosedOnEverything() {
    FailurePolicy p = FailurePolicy.read(Json.object(), "g");
    assertThat(p).isEqualTo(FailurePolicy.CLOSED);
    assertThat(p.passes(TIMEOUT) || p.passes(DOWN) || p.passes(BROKEN)).isFalse();
  }

  @Test
  void failOpenCoversOnlyUnreachableServices() {
    FailurePolicy p = FailurePolicy.read(Json.object().put("unreachable_fallback", "fail_open"), "g");
    assertThat(p.passes(TIMEOUT)).isTrue();
    assertThat(p.passes(DOWN)).isTrue();
    assertThat(p.passes(BROKEN)).isFalse();
  }

  @Test
  void failOnErrorFalseLetsEveryFailureThrough() {
    FailurePolicy p = FailurePolicy.read(Json.object().put("fail_on_error", false), "g");
    assertThat(p.passes(TIMEOUT) && p.passes(DOWN) && p.passes(BROKEN)).isTrue();
  }

  @Test
  void badValuesAreConfigErrorsNamingTheEntry() {
    assertThatThrownBy(() -> FailurePolicy.read(Json.object().put("unreachable_fallback", "open"), "guardrails[2] (x)"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("guardrails[2] (x)").hasMessageContaining("'open'");
    assertThatThrownBy(() -> FailurePolicy.read(Json.object().put("fail_on_error", "no"), "g"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("fail_on_error");
  }
}
