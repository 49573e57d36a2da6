package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.keys.VirtualKey;

/**
 * Records key changes in {@code tg_audit_log} (LiteLLM logs them against {@code LiteLLM_VerificationToken}). Written
 * after the key's own transaction; rows show the key's hash, never the plaintext. Blocking.
 */
final class KeyAudit {
  private KeyAudit() {}

  static void record(ControlPlane plane, String by, String action, VirtualKey before, VirtualKey after) {
    String token = after != null ? after.token() : before.token();
    plane.database().inline(c -> {
      AuditLog.record(c, by, "tg_keys", token, action, before == null ? null : KeyJson.withToken(before),
          after == null ? null : KeyJson.withToken(after));
      return null;
    });
  }
}
