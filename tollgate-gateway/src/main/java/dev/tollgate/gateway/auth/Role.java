package dev.tollgate.gateway.auth;

import java.util.Arrays;
import java.util.List;

/**
 * LiteLLM's user roles ({@code LitellmUserRoles}) that Tollgate acts on. The master key is {@link #PROXY_ADMIN}.
 * Organization admin rights come from an {@code org_admin} membership of an organization
 * ({@code tg_organization_members.user_role}, as LiteLLM's {@code _user_is_org_admin} reads it), not from this role:
 * a user whose {@code user_role} is {@code org_admin} has, outside its organizations, an {@link #INTERNAL_USER}'s
 * rights.
 */
public enum Role {
  PROXY_ADMIN("proxy_admin"),
  PROXY_ADMIN_VIEWER("proxy_admin_viewer"),
  ORG_ADMIN("org_admin"),
  INTERNAL_USER("internal_user"),
  INTERNAL_USER_VIEWER("internal_user_viewer");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The role named {@code value}, or null when it is not one of {@link #names()}. */
  public static Role parse(String value) {
    for (Role r : values()) {
      if (r.wire.equals(value)) {
        return r;
      }
    }
    return null;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Role::wire).toList();
  }

  /** May read every management object (proxy admins and viewers). */
  public boolean readsAll() {
    return this == PROXY_ADMIN || this == PROXY_ADMIN_VIEWER;
  }

  /** May change nothing at all (the viewer roles). */
  public boolean readOnly() {
    return this == PROXY_ADMIN_VIEWER || this == INTERNAL_USER_VIEWER;
  }
}
