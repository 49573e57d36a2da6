package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.guardrails.TeamGuardrails;
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
 * @param guardrails a team's guardrail settings (from its {@code metadata}, as LiteLLM stores them: the names that run
 *     on every call of its keys, {@code disable_global_guardrails}, {@code opted_out_global_guardrails}, whether
 *     requests may name guardrails); {@link TeamGuardrails#NONE} for other kinds
 * @param allowedCacheControls a user's {@code allowed_cache_controls}: the request cache controls the user's keys may
 *     use (empty: any); empty for other kinds
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
    String organizationId,
    TeamGuardrails guardrails,
    List<String> allowedCacheControls) {

  public Entity {
    models = models == null ? List.of() : List.copyOf(models);
    guardrails = guardrails == null ? TeamGuardrails.NONE : guardrails;
    allowedCacheControls = allowedCacheControls == null ? List.of() : List.copyOf(allowedCacheControls);
    modelRpm = modelRpm == null ? Map.of() : Map.copyOf(modelRpm);
    modelTpm = modelTpm == null ? Map.of() : Map.copyOf(modelTpm);
  }

  public boolean hasRateLimits() {
    return rpm != null || tpm != null || maxParallel != null;
  }
}
