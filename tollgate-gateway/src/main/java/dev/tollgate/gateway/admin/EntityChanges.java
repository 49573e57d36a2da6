package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.budgets.EntityKind;

/**
 * What a management change must tell the request path, after it is committed: the team blocklist ({@code KeyAuth}),
 * the user cache (roles) and the entity cache (budgets, limits and blocks on LLM calls). Per-entity invalidations
 * also reach the other instances over the shared invalidation channel.
 */
final class EntityChanges {
  private EntityChanges() {}

  static void team(ControlPlane plane, String teamId, boolean blocked) {
    plane.blocklist().team(teamId, blocked);
    plane.entityCache().invalidate(EntityKind.TEAM, teamId);
  }

  static void endUser(ControlPlane plane, String endUserId) {
    plane.entityCache().invalidate(EntityKind.END_USER, endUserId);
  }

  static void user(ControlPlane plane, String userId) {
    plane.userCache().invalidate(userId);
    plane.entityCache().invalidate(EntityKind.USER, userId);
  }

  /** A team membership changed (role, {@code max_budget_in_team}, added or removed). */
  static void member(ControlPlane plane, String teamId, String userId) {
    EntityChanges.user(plane, userId);
    plane.entityCache().invalidate(EntityKind.TEAM_MEMBER, EntityKind.memberId(teamId, userId));
  }

  /**
   * Organization memberships changed: an {@code org_admin} membership makes its user an admin of every team of the
   * organization, so every cached user's access is reloaded; returns {@code reply}.
   */
  static <T> T organizationMembers(ControlPlane plane, T reply) {
    plane.userCache().invalidateAll();
    return reply;
  }

  /** A team was made, deleted or moved between organizations: the org admins' team lists change. */
  static void teamOrganization(ControlPlane plane) {
    plane.userCache().invalidateAll();
  }

  static void organization(ControlPlane plane, String organizationId) {
    plane.entityCache().invalidate(EntityKind.ORGANIZATION, organizationId);
  }

  /**
   * A shared budget row changed: every organization and end user may read its limits from it, so this instance drops
   * its whole entity cache; other instances reload within the cache's refresh time.
   */
  static void budget(ControlPlane plane) {
    plane.entityCache().invalidateAll();
  }
}
