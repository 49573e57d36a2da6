package dev.tollgate.gateway.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Who calls a management route and with which rights: the master key ({@link Role#PROXY_ADMIN}), or a virtual key
 * acting as its user ({@code user_id} with that user's {@code user_role} and team roles). A key with no user, or whose
 * user does not exist, is an {@link Role#INTERNAL_USER} with no user: it owns nothing but itself.
 *
 * @param user the key's user, or null (master key, or a key without a stored user)
 */
public record Principal(Role role, String userId, UserAccess user) {
  public static final String CONTEXT_KEY = "tollgate.principal";
  public static final Principal MASTER = new Principal(Role.PROXY_ADMIN, null, null);

  public static Principal of(RoutingContext ctx) {
    Principal p = ctx.get(CONTEXT_KEY);
    return p == null ? MASTER : p;
  }

  public boolean isAdmin() {
    return role == Role.PROXY_ADMIN;
  }

  /** Team id to role; empty without a user. */
  public Map<String, String> teamRoles() {
    return user == null ? Map.of() : user.teamRoles();
  }

  public boolean isTeamAdmin(String teamId) {
    return teamId != null && "admin".equals(teamRoles().get(teamId));
  }

  public boolean isTeamMember(String teamId) {
    return teamId != null && teamRoles().containsKey(teamId);
  }

  /** Organization id to the user's membership role there; empty without a user. */
  public Map<String, String> organizationRoles() {
    return user == null ? Map.of() : user.organizationRoles();
  }

  /** An {@code org_admin} member of this organization (LiteLLM's {@code _user_is_org_admin}). */
  public boolean isOrgAdmin(String organizationId) {
    return organizationId != null && Role.ORG_ADMIN.wire().equals(organizationRoles().get(organizationId));
  }

  /** An {@code org_admin} member of at least one organization. */
  public boolean adminsAnOrganization() {
    return organizationRoles().containsValue(Role.ORG_ADMIN.wire());
  }

  /** The user's own model list (empty: no user-level restriction). */
  public List<String> userModels() {
    return user == null ? List.of() : user.models();
  }
}
