package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LiteLLM's {@code GENERIC_ROLE_MAPPINGS_*}: the groups claim of the identity provider's answer decides the user's
 * role. When several mapped roles match, the most privileged wins (proxy admin, admin viewer, internal user, internal
 * viewer); when none does, {@code defaultRole} applies (null: the mapping says nothing).
 *
 * @param groupClaim the claim (dotted path) holding the user's groups: an array of strings, or one string
 * @param roles role to the group names that grant it
 */
public record RoleMapping(String groupClaim, Map<Role, List<String>> roles, Role defaultRole) {
  public static final RoleMapping NONE = new RoleMapping(null, Map.of(), null);
  private static final List<Role> BY_PRIVILEGE = List.of(Role.PROXY_ADMIN, Role.PROXY_ADMIN_VIEWER, Role.ORG_ADMIN,
      Role.INTERNAL_USER, Role.INTERNAL_USER_VIEWER);

  public RoleMapping {
    Map<Role, List<String>> copy = new LinkedHashMap<>();
    if (roles != null) {
      roles.forEach((role, groups) -> copy.put(role, List.copyOf(groups)));
    }
    roles = java.util.Collections.unmodifiableMap(copy);
  }

  public boolean configured() {
    return groupClaim != null && (!roles.isEmpty() || defaultRole != null);
  }

  /** The role the user's groups grant, else {@code defaultRole}; null when the mapping is not configured. */
  public Role resolve(JsonNode claims) {
    if (!configured()) {
      return null;
    }
    List<String> groups = groups(Claims.at(claims, groupClaim));
    for (Role role : BY_PRIVILEGE) {
      for (String group : roles.getOrDefault(role, List.of())) {
        if (groups.contains(group)) {
          return role;
        }
      }
    }
    return defaultRole;
  }

  private static List<String> groups(JsonNode value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value.isArray()) {
      value.forEach(v -> {
        if (v.isValueNode()) {
          out.add(v.asText());
        }
      });
    } else if (value.isValueNode()) {
      out.add(value.asText());
    }
    return out;
  }

  /** The most privileged of {@code candidates}, or null when there is none. */
  static Role mostPrivileged(List<Role> candidates) {
    for (Role role : BY_PRIVILEGE) {
      if (candidates.contains(role)) {
        return role;
      }
    }
    return null;
  }
}
