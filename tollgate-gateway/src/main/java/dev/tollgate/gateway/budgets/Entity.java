package dev.tollgate.gateway.budgets;

import java.util.List;
import java.util.Map;

/**
 * A user, team, organization or end user as budgets and limits see it: its own row merged with its budget row
 * ({@code budget_id} → {@code tg_budgets}) where the entity keeps its limits there (organizations and end users, as
 * LiteLLM does). Null limits are unlimited; empty {@code models} allows every model.
 *
 * @param spend the stored spend (the spend not yet written is added by {@link BudgetChecks})
 * @param budgetResetAt when the budget period ends (epoch ms), null without a duration; soft-budget alerts are
 *     recorded once per period
 * @param modelRpm model group → requests per minute ({@code model_rpm_limit})
 * @param modelTpm model group → tokens per minute ({@code model_tpm_limit})
 * @param organizationId a team's organization (its budget applies to the team's keys); null otherwise
 */
public record Entity(
    EntityKind kind,
    String id,
    double spend,
    Double maxBudget,
    Double softBudget,
    Long rpm,
    Long tpm,
    Integer maxParallel,
    List<String> models,
    boolean blocked,
    Map<String, Long> modelRpm,
    Map<String, Long> modelTpm,
    Long budgetResetAt,
    String organizationId) {

  public Entity {
    models = models == null ? List.of() : List.copyOf(models);
    modelRpm = modelRpm == null ? Map.of() : Map.copyOf(modelRpm);
    modelTpm = modelTpm == null ? Map.of() : Map.copyOf(modelTpm);
  }

  public boolean hasRateLimits() {
    return rpm != null || tpm != null || maxParallel != null;
  }
}
