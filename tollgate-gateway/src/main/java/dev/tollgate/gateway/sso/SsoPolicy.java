package dev.tollgate.gateway.sso;

import java.util.List;
import java.util.Locale;

/**
 * Who may sign in and what a login gets.
 *
 * @param allowedEmailDomains {@code ALLOWED_EMAIL_DOMAINS}: when not empty, only these e-mail domains may sign in (and
 *     an answer without an e-mail is refused)
 * @param proxyAdminId {@code PROXY_ADMIN_ID}: the user id that is made a proxy admin on login, or null
 * @param adminOnly {@code general_settings.ui_access_mode: admin_only}: only proxy admins and admin viewers may sign in
 * @param roleMapping the groups claim to role mapping ({@link RoleMapping#NONE} when not configured)
 * @param sessionDuration how long a dashboard session key lives (duration string, default {@code 24h})
 * @param sessionBudget the session key's {@code max_budget} ({@code litellm_settings.max_ui_session_budget})
 */
public record SsoPolicy(List<String> allowedEmailDomains, String proxyAdminId, boolean adminOnly,
    RoleMapping roleMapping, NewUserDefaults newUsers, String sessionDuration, Double sessionBudget) {
  public static final String DEFAULT_SESSION_DURATION = "24h";
  /** LiteLLM's current default of {@code max_ui_session_budget} (USD per dashboard session). */
  public static final double DEFAULT_SESSION_BUDGET = 1.0;

  public SsoPolicy {
    allowedEmailDomains = allowedEmailDomains == null ? List.of()
        : allowedEmailDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList();
    roleMapping = roleMapping == null ? RoleMapping.NONE : roleMapping;
    newUsers = newUsers == null ? NewUserDefaults.LITELLM : newUsers;
    sessionDuration = sessionDuration == null ? DEFAULT_SESSION_DURATION : sessionDuration;
  }

  /** Whether {@code email} may sign in under {@link #allowedEmailDomains}. */
  public boolean emailAllowed(String email) {
    if (allowedEmailDomains.isEmpty()) {
      return true;
    }
    if (email == null || email.indexOf('@') < 0) {
      return false;
    }
    String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return allowedEmailDomains.contains(domain);
  }
}
