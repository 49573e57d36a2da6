package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.keys.Durations;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds or creates the signed-in user in {@code tg_users} (LiteLLM's user table), in one transaction. The user is the
 * one whose {@code user_id}, else {@code sso_user_id}, is the provider's user id, else whose {@code user_email} is the
 * provider's e-mail (case-insensitive). A known user gets the e-mail the provider sends (as LiteLLM does), its
 * {@code sso_user_id} when it had none, and the role the provider asserts, if it asserts one; otherwise its stored role
 * stays. A new user is made from {@link NewUserDefaults}. {@code PROXY_ADMIN_ID} makes that user a proxy admin, and
 * under {@code ui_access_mode: admin_only} a user who is not an admin is refused before anything is written.
 * Blocking: call on the database executor.
 */
final class SsoUsers {
  static final String CHANGED_BY = "sso";

  private SsoUsers() {}

  /** The signed-in user: id and role as stored after the login. */
  record SignedIn(String userId, Role role, String email, boolean created) {}

  static SignedIn upsert(EntityStore store, SsoIdentity who, SsoPolicy policy, long now) {
    return store.transaction(c -> {
      Optional<ObjectNode> found = find(c, who);
      if (found.isPresent()) {
        return update(c, found.get(), who, policy, now);
      }
      return create(c, who, policy, now);
    });
  }

  private static SignedIn update(Connection c, ObjectNode before, SsoIdentity who, SsoPolicy policy, long now)
      throws SQLException {
    String id = before.path("user_id").asText();
    Role stored = Role.parse(before.path("user_role").asText(null));
    Role role = finalRole(who.role() != null ? who.role() : stored, id, policy);
    admitted(role, policy, id);
    ObjectNode changes = Json.object();
    if (who.email() != null && !who.email().equals(before.path("user_email").asText(null))
        && !emailTakenByOther(c, who.email(), id)) {
      changes.put("user_email", who.email());
    }
    if (before.path("sso_user_id").isNull() || before.path("sso_user_id").isMissingNode()) {
      if (!ssoIdTaken(c, who.userId())) {
        changes.put("sso_user_id", who.userId());
      }
    }
    if (role != stored) {
      changes.put("user_role", role.wire());
    }
    if (!changes.isEmpty()) {
      changes.put("updated_at", now);
      EntityStore.update(c, EntityTables.USERS, id, changes);
      AuditLog.record(c, CHANGED_BY, "tg_users", id, "updated", before, changes);
    }
    String email = changes.has("user_email") ? who.email() : before.path("user_email").asText(null);
    return new SignedIn(id, role, email, false);
  }

  private static SignedIn create(Connection c, SsoIdentity who, SsoPolicy policy, long now) throws SQLException {
    NewUserDefaults defaults = policy.newUsers();
    Role role = finalRole(who.role() != null ? who.role() : defaults.role(), who.userId(), policy);
    admitted(role, policy, who.userId());
    ObjectNode row = Json.object();
    row.put("user_id", who.userId());
    row.put("user_email", who.email());
    row.put("user_role", role.wire());
    row.put("sso_user_id", who.userId());
    if (defaults.maxBudget() != null) {
      row.put("max_budget", defaults.maxBudget());
    }
    if (defaults.budgetDuration() != null) {
      row.put("budget_duration", defaults.budgetDuration());
      row.put("budget_reset_at", Durations.after(now, defaults.budgetDuration()));
    }
    ArrayNode models = row.putArray("models");
    defaults.models().forEach(models::add);
    row.putArray("teams");
    row.putObject("metadata").put("auth_provider", who.authProvider());
    row.put("created_at", now);
    row.put("updated_at", now);
    EntityStore.insert(c, EntityTables.USERS, row);
    AuditLog.record(c, CHANGED_BY, "tg_users", who.userId(), "created", null, row);
    return new SignedIn(who.userId(), role, who.email(), true);
  }

  /** {@code PROXY_ADMIN_ID} wins; a user without any role is an internal viewer (LiteLLM's default). */
  private static Role finalRole(Role role, String userId, SsoPolicy policy) {
    if (policy.proxyAdminId() != null && policy.proxyAdminId().equals(userId)) {
      return Role.PROXY_ADMIN;
    }
    return role == null ? Role.INTERNAL_USER_VIEWER : role;
  }

  private static void admitted(Role role, SsoPolicy policy, String userId) {
    if (policy.adminOnly() && !role.readsAll()) {
      throw SsoFailure.refused(403, "This gateway's dashboard is for admins only (ui_access_mode: admin_only); "
          + "user " + userId + " has the role " + role.wire() + ".");
    }
  }

  static Optional<ObjectNode> find(Connection c, SsoIdentity who) throws SQLException {
    Optional<ObjectNode> byId = EntityStore.findIn(c, EntityTables.USERS, who.userId());
    if (byId.isPresent()) {
      return byId;
    }
    Optional<String> id = firstId(c, "SELECT user_id FROM tg_users WHERE sso_user_id = ? ORDER BY created_at LIMIT 1",
        who.userId());
    if (id.isEmpty() && who.email() != null) {
      id = firstId(c, "SELECT user_id FROM tg_users WHERE LOWER(user_email) = ? ORDER BY created_at LIMIT 1",
          who.email().toLowerCase(Locale.ROOT));
    }
    return id.isEmpty() ? Optional.empty() : EntityStore.findIn(c, EntityTables.USERS, id.get());
  }

  private static boolean emailTakenByOther(Connection c, String email, String ownId) throws SQLException {
    return firstId(c, "SELECT user_id FROM tg_users WHERE user_email = ? ORDER BY created_at LIMIT 1", email)
        .filter(other -> !Objects.equals(other, ownId)).isPresent();
  }

  private static boolean ssoIdTaken(Connection c, String ssoId) throws SQLException {
    return firstId(c, "SELECT user_id FROM tg_users WHERE sso_user_id = ? LIMIT 1", ssoId).isPresent();
  }

  private static Optional<String> firstId(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }
}
