package dev.tollgate.gateway.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftBudgetsTest {
  @Test
  void aCrossingIsRecordedOncePerEntityAndBudgetPeriod() {
    SoftBudgets soft = new SoftBudgets();
    List<String> alerts = new ArrayList<>();
    soft.addAlert((kind, id, spend, budget) -> alerts.add(kind + ":" + id + ":" + spend));
    soft.check("team", "t1", 0.4, 0.5, 1000L); // under
    soft.check("team", "t1", 0.5, 0.5, 1000L); // reached
    soft.check("team", "t1", 0.7, 0.5, 1000L); // same period: nothing new
    soft.check("user", "t1", 0.9, 0.5, 1000L); // another entity
    soft.check("team", "t1", 0.6, 0.5, 2000L); // the next period (after a reset)
    soft.check("team", "t2", 9.0, null, null); // no soft budget
    assertThat(alerts).containsExactly("team:t1:0.5", "user:t1:0.9", "team:t1:0.6");
    assertThat(soft.recordedCount()).isEqualTo(3);
  }

  @Test
  void aFailingAlertDoesNotStopTheOthers() {
    SoftBudgets soft = new SoftBudgets();
    List<String> alerts = new ArrayList<>();
    soft.addAlert((kind, id, spend, budget) -> {
      throw new IllegalStateException("webhook down");
    });
    soft.addAlert((kind, id, spend, budget) -> alerts.add(id));
    soft.check("key", "abc", 2.0, 1.0, null);
    assertThat(alerts).containsExactly("abc");
  }
}
