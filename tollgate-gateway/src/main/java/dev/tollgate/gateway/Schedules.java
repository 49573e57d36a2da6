package dev.tollgate.gateway;

import java.time.Duration;

/**
 * How often the gateway's background jobs run.
 *
 * @param modelPoll how often each instance checks {@code tg_models} for models another instance added, changed or
 *     deleted (env {@code TOLLGATE_MODEL_POLL_SECONDS}, default 5 s)
 * @param budgetResetMin the budget-reset job waits a random time between this and {@link #budgetResetMax} between runs
 *     ({@code general_settings.proxy_budget_rescheduler_min_time}, default 597 s as LiteLLM)
 * @param budgetResetMax {@code general_settings.proxy_budget_rescheduler_max_time}, default 605 s
 */
public record Schedules(Duration modelPoll, Duration budgetResetMin, Duration budgetResetMax) {
  public static final Schedules DEFAULTS =
      new Schedules(Duration.ofSeconds(5), Duration.ofSeconds(597), Duration.ofSeconds(605));

  public Schedules {
    if (budgetResetMax.compareTo(budgetResetMin) < 0) {
      budgetResetMax = budgetResetMin;
    }
  }
}
