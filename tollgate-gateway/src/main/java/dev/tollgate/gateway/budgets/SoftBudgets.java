package dev.tollgate.gateway.budgets;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records soft-budget crossings: the first time in a budget period (identified by its {@code budget_reset_at}) that
 * a key or entity's spend reaches its soft budget, logs one warning and tells every {@link SoftBudgetAlert}. Later
 * requests in the same period record nothing. In memory: each instance records its own crossing.
 */
public final class SoftBudgets {
  private static final Logger LOG = LoggerFactory.getLogger(SoftBudgets.class);
  private final Set<String> recorded = ConcurrentHashMap.newKeySet();
  private final List<SoftBudgetAlert> alerts = new CopyOnWriteArrayList<>();

  public void addAlert(SoftBudgetAlert alert) {
    alerts.add(alert);
  }

  /** Checks {@code spend} against {@code softBudget} (null: none); records a first crossing in this period. */
  public void check(String kind, String id, double spend, Double softBudget, Long budgetResetAt) {
    if (softBudget == null || spend < softBudget) {
      return;
    }
    if (!recorded.add(kind + ":" + id + ":" + budgetResetAt)) {
      return;
    }
    LOG.warn("soft budget reached: {}={} spend {} >= soft_budget {}", kind, id, spend, softBudget);
    for (SoftBudgetAlert alert : alerts) {
      try {
        alert.crossed(kind, id, spend, softBudget);
      } catch (RuntimeException e) {
        LOG.error("a soft-budget alert failed", e);
      }
    }
  }

  /** How many crossings were recorded (all kinds). */
  public int recordedCount() {
    return recorded.size();
  }
}
