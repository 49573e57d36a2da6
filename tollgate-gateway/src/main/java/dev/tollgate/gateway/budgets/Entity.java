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
 * @param guardrails a team's guardrail names ({@code metadata.guardrails}, as LiteLLM stores them): they run on every
 *     call made with one of the team's keys; empty for other kinds
 * @param disableGlobalGuardrails a team's {@code metadata.disable_global_guardrails}: its keys skip the
 *     {@code default_on} guardrails unless the key itself says otherwise; null when not set
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
    List<String> guardrails,
    Boolean disableGlobalGuardrails,
    List<String> allowedCacheControls) {

  public Entity {
    models = models == null ? List.of() : List.copyOf(models);
    guardrails = guardrails == null ? List.of() : List.copyOf(guardrails);
    allowedCacheControls = allowedCacheControls == null ? List.of() : List.copyOf(allowedCacheControls);
    modelRpm = modelRpm == null ? Map.of() : Map.copyOf(modelRpm);
    modelTpm = modelTpm == null ? Map.of() : Map.copyOf(modelTpm);
  }

  public boolean hasRateLimits() {
    return rpm != null || tpm != null || maxParallel != null;
  }
}
