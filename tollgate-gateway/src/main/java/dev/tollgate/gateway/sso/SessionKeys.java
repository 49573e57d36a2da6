package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.keys.Durations;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import java.util.List;

/**
 * Dashboard session keys: what a single sign-on login gets, as LiteLLM issues it: a virtual key of the signed-in user
 * in the team {@value KeyStore#UI_SESSION_TEAM_ID} (so {@code /key/list} leaves it out), with a short expiry
 * ({@code 24h} by default) and {@code max_ui_session_budget} as its budget. Its metadata marks it
 * ({@code "tollgate_ui_session": true}), so {@code /sso/logout} deletes it and nothing else. Blocking.
 */
final class SessionKeys {
  static final String MARK = "tollgate_ui_session";

  private SessionKeys() {}

  /** A new session key (plaintext) for {@code user}, stored and ready to use. */
  static Issued issue(ControlPlane plane, SsoUsers.SignedIn user, SsoPolicy policy, String authProvider, long now) {
    String plaintext = Keys.generate();
    VirtualKey.Builder b = new VirtualKey.Builder();
    b.token = Keys.hash(plaintext);
    b.keyName = Keys.displayName(plaintext);
    b.userId = user.userId();
    b.teamId = KeyStore.UI_SESSION_TEAM_ID;
    b.maxBudget = policy.sessionBudget();
    b.expires = Durations.after(now, policy.sessionDuration());
    ObjectNode metadata = Json.object();
    metadata.put(MARK, true);
    metadata.put("login_method", "sso");
    metadata.put("auth_provider", authProvider);
    b.metadata = metadata;
    b.createdAt = now;
    b.updatedAt = now;
    b.createdBy = SsoUsers.CHANGED_BY;
    b.updatedBy = SsoUsers.CHANGED_BY;
    VirtualKey key = b.build();
    plane.keys().insert(key);
    plane.keyCache().invalidate(key.token());
    ObjectNode audit = Json.object();
    audit.put("token", key.token());
    audit.put("user_id", key.userId());
    audit.put("team_id", key.teamId());
    audit.put("expires", key.expires());
    audit.set("metadata", metadata);
    plane.database().inline(c -> {
      AuditLog.record(c, SsoUsers.CHANGED_BY, "tg_keys", key.token(), "created", null, audit);
      return null;
    });
    return new Issued(plaintext, key);
  }

  /** Whether {@code key} is a dashboard session key (and may be revoked by logging out). */
  static boolean isSession(VirtualKey key) {
    return key != null && KeyStore.UI_SESSION_TEAM_ID.equals(key.teamId()) && key.metadata() != null
        && key.metadata().path(MARK).asBoolean(false);
  }

  /** Deletes the session key; the next request with it is refused on every instance. */
  static void revoke(ControlPlane plane, VirtualKey key) {
    plane.keys().delete(List.of(key.token()));
    plane.keyCache().invalidate(key.token());
  }

  /** A session key's plaintext (handed to the browser once) and its stored row. */
  record Issued(String key, VirtualKey row) {}
}
