package dev.tollgate.gateway.auth;

import java.util.List;
import java.util.Map;

/**
 * What authorization needs to know about an internal user ({@code tg_users} plus its team memberships), cached by
 * {@link UserCache} so that a management request resolves its caller's role without a database round trip.
 *
 * @param teamRoles team id to the user's role there ({@code admin} or {@code user})
 */
public record UserAccess(String userId, Role role, List<String> models, Double maxBudget, Long tpmLimit,
    Long rpmLimit, Map<String, String> teamRoles) {
  public UserAccess {
    models = List.copyOf(models);
    teamRoles = Map.copyOf(teamRoles);
  }
}
