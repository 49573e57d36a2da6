package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.gateway.auth.UserAccess;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.VirtualKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What a caller that is not a proxy admin may put on a key it creates or changes, so that no key grants more than its
 * owner has (LiteLLM's checks for internal users and team admins):
 *
 * <ul>
 *   <li>the key belongs to the caller's user, unless the caller is an admin of the key's team; a {@code team_id} must
 *       be a team the caller is a member of;
 *   <li>{@code models} must be allowed by the team (when the key has one and it lists models), else by the user's own
 *       {@code models}; a key asking for none gets that list instead of "all models"; a change may not widen a key
 *       that already had a list;
 *   <li>{@code max_budget}, {@code tpm_limit}, {@code rpm_limit} may not exceed the team's or the user's; a key asking
 *       for none gets the smaller cap; a change may not raise a limit the key already had;
 *   <li>{@code spend} and {@code blocked} are for proxy admins only.
 * </ul>
 */
final class KeyGrants {
  private KeyGrants() {}

  /** Fields only proxy admins may send on /key/generate, /key/update, /key/regenerate. */
  static void checkFields(Principal p, ObjectNode body) {
    if (p.isAdmin()) {
      return;
    }
    for (String f : new String[] {"spend", "blocked", "organization_id"}) {
      if (body.has(f) && !body.get(f).isNull()) {
        throw Access.forbidden("Only proxy admins can set '" + f + "' on a key. Your role=" + p.role().wire());
      }
    }
  }

  /**
   * A non-admin gives a key to another user ({@code owner}, null when no such user is stored): a key acts with its
   * user's rights, so the owner must be a member of the key's team and have no right the caller lacks (no proxy admin
   * role, no team or organization it administers that the caller does not). Otherwise the caller could act as a
   * proxy admin, or as the admin of another team or organization, through the key.
   */
  static void mayGiveKeyTo(Principal p, String ownerId, UserAccess owner, String teamId) {
    if (p.isAdmin() || ownerId == null || ownerId.equals(p.userId())) {
      return;
    }
    if (owner == null || teamId == null || !owner.teamRoles().containsKey(teamId)) {
      throw Access.forbidden("user_id=" + ownerId + " is not a member of team_id=" + teamId + "; team admins can "
          + "only give keys to their team's members.");
    }
    boolean covered = (owner.role() == Role.INTERNAL_USER || owner.role() == Role.INTERNAL_USER_VIEWER
        || owner.role() == Role.ORG_ADMIN)
        && owner.teamRoles().entrySet().stream()
            .allMatch(e -> !"admin".equals(e.getValue()) || p.isTeamAdmin(e.getKey()))
        && owner.organizationRoles().entrySet().stream()
            .allMatch(e -> !Role.ORG_ADMIN.wire().equals(e.getValue()) || p.isOrgAdmin(e.getKey()));
    if (!covered) {
      throw Access.forbidden("user_id=" + ownerId + " has rights you do not have (role " + owner.role().wire()
          + ", or admin of a team or organization you do not administer); only a proxy admin can give it a key.");
    }
  }

  /**
   * The key {@code wanted} as a non-admin may have it: defaults filled, or a 403 naming what exceeds the caller's
   * rights. {@code before} is the key as stored (null when creating); {@code team} the key's team row (null: none).
   */
  static VirtualKey restrict(Principal p, VirtualKey before, VirtualKey wanted, ObjectNode team) {
    return restrict(p, before, wanted, team, dev.tollgate.gateway.models.AccessGroups.none());
  }

  /** As above; a wanted model is also allowed when an access group in the allowed list grants it. */
  static VirtualKey restrict(Principal p, VirtualKey before, VirtualKey wanted, ObjectNode team,
      dev.tollgate.gateway.models.AccessGroups groups) {
    if (p.isAdmin()) {
      return wanted;
    }
    if (p.userId() == null) {
      throw Access.forbidden("This key has no user_id, so it cannot create or change keys; ask a proxy admin for a "
          + "key of your user.");
    }
    String teamId = wanted.teamId();
    if (teamId != null && !p.isTeamMember(teamId)) {
      throw Access.forbidden("You are not a member of team_id=" + teamId + "; you cannot give a key to it.");
    }
    VirtualKey.Builder b = wanted.toBuilder();
    if (b.userId == null) {
      b.userId = p.userId();
    }
    if (!b.userId.equals(p.userId()) && !p.isTeamAdmin(teamId)) {
      throw Access.forbidden("You can only create keys for yourself (user_id=" + p.userId() + "), not for user_id="
          + b.userId + "; team admins can create keys for their team's members.");
    }
    b.models = before != null && before.models().equals(wanted.models()) ? wanted.models()
        : models(p, before, wanted.models(), team, groups);
    b.maxBudget = capped("max_budget", before == null ? null : before.maxBudget(), wanted.maxBudget(),
        number(team, "max_budget"), p.user() == null ? null : p.user().maxBudget());
    Double tpm = capped("tpm_limit", before == null || before.tpmLimit() == null ? null
        : before.tpmLimit().doubleValue(), wanted.tpmLimit() == null ? null : wanted.tpmLimit().doubleValue(),
        number(team, "tpm_limit"), p.user() == null || p.user().tpmLimit() == null ? null
        : p.user().tpmLimit().doubleValue());
    b.tpmLimit = tpm == null ? null : tpm.longValue();
    Double rpm = capped("rpm_limit", before == null || before.rpmLimit() == null ? null
        : before.rpmLimit().doubleValue(), wanted.rpmLimit() == null ? null : wanted.rpmLimit().doubleValue(),
        number(team, "rpm_limit"), p.user() == null || p.user().rpmLimit() == null ? null
        : p.user().rpmLimit().doubleValue());
    b.rpmLimit = rpm == null ? null : rpm.longValue();
    return b.build();
  }

  private static List<String> models(Principal p, VirtualKey before, List<String> wanted, ObjectNode team,
      dev.tollgate.gateway.models.AccessGroups groups) {
    List<String> allowed = new ArrayList<>();
    String from;
    if (team != null && team.path("models").size() > 0) {
      team.path("models").forEach(m -> allowed.add(m.asText()));
      from = "team_id=" + team.path("team_id").asText();
    } else if (!p.userModels().isEmpty()) {
      allowed.addAll(p.userModels());
      from = "user_id=" + p.userId();
    } else if (before != null && !before.models().isEmpty()) {
      allowed.addAll(before.models());
      from = "this key";
    } else {
      return wanted;
    }
    if (allowed.contains("all-proxy-models")) {
      return wanted;
    }
    if (wanted.isEmpty()) {
      return allowed;
    }
    List<String> refused = wanted.stream()
        .filter(m -> !allowed.contains(m) && !groups.grants(allowed, m)).toList();
    if (!refused.isEmpty()) {
      throw new ApiError(403, "team_model_access_denied", "Model(s) " + refused + " not allowed: " + from
          + " can only use models=" + allowed, "models");
    }
    return wanted;
  }

  /**
   * The value a non-admin may set: at most every cap and not above the key's current value. Creating (or updating
   * a key without this limit) with no value gives the cap.
   */
  private static Double capped(String field, Double current, Double wanted, Double teamCap, Double userCap) {
    Double cap = min(teamCap, userCap);
    if (current != null && current.equals(wanted)) {
      return wanted; // unchanged
    }
    if (wanted == null) {
      if (current != null) {
        throw Access.forbidden("You cannot remove this key's " + field + " (" + current + "); only a proxy admin "
            + "can lift a limit.");
      }
      return cap;
    }
    if (current != null && wanted > current) {
      throw Access.forbidden("You cannot raise this key's " + field + " from " + current + " to " + wanted
          + "; only a proxy admin can.");
    }
    if (cap != null && wanted > cap) {
      throw Access.forbidden(field + " " + wanted + " is above what you may grant (" + cap + ", your team's or "
          + "your user's " + field + ").");
    }
    return wanted;
  }

  private static Double min(Double a, Double b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.min(a, b);
  }

  private static Double number(ObjectNode row, String field) {
    if (row == null) {
      return null;
    }
    JsonNode v = row.get(field);
    return v == null || v.isNull() ? null : v.asDouble();
  }
}
