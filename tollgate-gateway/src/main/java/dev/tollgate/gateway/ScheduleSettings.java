package dev.tollgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ProxyConfig;
import java.time.Duration;

/** Reads {@link Schedules} from a loaded config: {@code general_settings} keys and the environment. */
final class ScheduleSettings {
  static final String MODEL_POLL_ENV = "TOLLGATE_MODEL_POLL_SECONDS";

  private ScheduleSettings() {}

  static Schedules read(ProxyConfig config) {
    Duration poll = seconds(MODEL_POLL_ENV, text(config.environment().get(MODEL_POLL_ENV)),
        Schedules.DEFAULTS.modelPoll());
    Duration min = seconds("general_settings.proxy_budget_rescheduler_min_time",
        config.generalSettings().extra().get("proxy_budget_rescheduler_min_time"), Schedules.DEFAULTS.budgetResetMin());
    Duration max = seconds("general_settings.proxy_budget_rescheduler_max_time",
        config.generalSettings().extra().get("proxy_budget_rescheduler_max_time"),
        min.compareTo(Schedules.DEFAULTS.budgetResetMax()) > 0 ? min : Schedules.DEFAULTS.budgetResetMax());
    return new Schedules(poll, min, max);
  }

  private static JsonNode text(String value) {
    return value == null ? null : dev.tollgate.providers.types.Json.MAPPER.getNodeFactory().textNode(value);
  }

  /** A number of seconds (a number or numeric string, more than 0), or {@code fallback} when absent. */
  private static Duration seconds(String name, JsonNode value, Duration fallback) {
    if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
      return fallback;
    }
    double seconds;
    try {
      seconds = value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asText().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a number of seconds, got '" + value.asText() + "'");
    }
    if (!(seconds > 0)) {
      throw new ConfigException(name + " must be more than 0 seconds");
    }
    return DeploymentFactory.seconds(seconds);
  }
}
