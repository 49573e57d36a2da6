package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The background-job intervals: LiteLLM's budget rescheduler keys and Tollgate's model poll interval. */
class ScheduleSettingsTest {
  private static Schedules read(String yaml, Map<String, String> env) {
    return ScheduleSettings.read(ConfigLoader.parse(yaml, "test.yaml", env));
  }

  @Test
  void defaultsAreLiteLlmsAndFiveSeconds() {
    assertThat(read("model_list: []", Map.of())).isEqualTo(Schedules.DEFAULTS);
    assertThat(Schedules.DEFAULTS.budgetResetMin()).isEqualTo(Duration.ofSeconds(597));
    assertThat(Schedules.DEFAULTS.modelPoll()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void readsTheGeneralSettingsAndTheEnvironment() {
    Schedules s = read("general_settings:\n  proxy_budget_rescheduler_min_time: 10\n"
        + "  proxy_budget_rescheduler_max_time: \"12.5\"\n", Map.of("TOLLGATE_MODEL_POLL_SECONDS", "0.25"));
    assertThat(s.budgetResetMin()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.budgetResetMax()).isEqualTo(Duration.ofMillis(12_500));
    assertThat(s.modelPoll()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aMinimumAboveTheDefaultMaximumRaisesTheMaximum() {
    Schedules s = read("general_settings:\n  proxy_budget_rescheduler_min_time: 3600\n", Map.of());
    assertThat(s.budgetResetMax()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void badValuesAreConfigErrors() {
    assertThatThrownBy(() -> read("general_settings:\n  proxy_budget_rescheduler_min_time: soon\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("proxy_budget_rescheduler_min_time");
    assertThatThrownBy(() -> read("model_list: []", Map.of("TOLLGATE_MODEL_POLL_SECONDS", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TOLLGATE_MODEL_POLL_SECONDS");
  }
}
