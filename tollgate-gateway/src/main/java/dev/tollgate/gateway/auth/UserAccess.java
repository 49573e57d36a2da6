package dev.tollgate.gateway.auth;

import java.util.List;
import java.util.Map;

/**
 * What authorization needs to know about an internal user ({@code tg_users} plus its team memberships), cached by
 * {@link UserCache} so that a management request resolves its caller's role without a database round trip.
 *
 * @param teamRoles team id to the user's role there ({@code admin} or {@code user}); an {@code org_admin} of an
 *     organization is {@code admin} of every team of that organization (LiteLLM's {@code _is_user_org_admin_for_team})
 * @param organizationRoles organization id to the user's membership role there ({@code org_admin},
 *     {@code internal_user}, {@code internal_user_viewer})
 */
public record UserAccess(String userId, Role role, List<String> models, Double maxBudget, Long tpmLimit,
    Long rpmLimit, Map<String, String> teamRoles, Map<String, String> organizationRoles) {
  public UserAccess {
    models = List.copyOf(models);
    teamRoles = Map.copyOf(teamRoles);
    organizationRoles = Map.copyOf(organizationRoles);
  }

  public UserAccess(String userId, Role role, List<String> models, Double maxBudget, Long tpmLimit, Long rpmLimit,
      Map<String, String> teamRoles) {
    this(userId, role, models, maxBudget, tpmLimit, rpmLimit, teamRoles, Map.of());
  }
}
