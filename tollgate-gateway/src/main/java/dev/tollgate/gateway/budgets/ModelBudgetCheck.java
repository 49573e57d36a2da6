package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.ModelBudget;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.spend.PendingSpend;

/**
 * A key's {@code model_max_budget} before a call, with no database round trip: the key's spend on the requested
 * model group (the body's {@code model} after the key's {@code aliases}) within that budget's window is the spend
 * summed when the key was loaded ({@link VirtualKey#modelSpend}) plus the spend counted but not yet written
 * ({@link PendingSpend#keyModel}). At or over {@code budget_limit} the call is refused with LiteLLM's error (400
 * {@code budget_exceeded}); other model groups are unaffected.
 */
final class ModelBudgetCheck {
  private ModelBudgetCheck() {}

  static void check(VirtualKey key, String model, PendingSpend pending) {
    if (key == null || model == null || key.modelMaxBudget().isEmpty()) {
      return;
    }
    String group = key.aliases().getOrDefault(model, model);
    ModelBudget budget = key.modelMaxBudget().get(group);
    if (budget == null) {
      return;
    }
    double spend = key.modelSpend().getOrDefault(group, 0.0)
        + pending.of(PendingSpend.keyModel(key.token(), group));
    if (spend >= budget.limit()) {
      throw new ApiError(400, "budget_exceeded", "LiteLLM Virtual Key: " + key.token() + ", key_alias: "
          + (key.keyAlias() == null ? "None" : key.keyAlias()) + ", exceeded budget for model=" + model, null);
    }
  }
}
