package dev.tollgate.gateway.sso;

import dev.tollgate.gateway.auth.Role;
import java.util.List;

/**
 * What a user created by a first SSO login starts with: LiteLLM's {@code litellm_settings.max_internal_user_budget}
 * and {@code internal_user_budget_duration}, overridden by {@code default_internal_user_params} ({@code user_role},
 * {@code max_budget}, {@code budget_duration}, {@code models}). Without a role from there or from the provider the
 * user is an {@code internal_user_viewer}, as in LiteLLM.
 */
public record NewUserDefaults(Role role, Double maxBudget, String budgetDuration, List<String> models) {
  public static final NewUserDefaults LITELLM = new NewUserDefaults(Role.INTERNAL_USER_VIEWER, null, null, List.of());

  public NewUserDefaults {
    role = role == null ? Role.INTERNAL_USER_VIEWER : role;
    models = models == null ? List.of() : List.copyOf(models);
  }
}
