package dev.tollgate.gateway.entities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Appends to {@code tg_audit_log} (LiteLLM_AuditLog): who changed which object of which table, before and after.
 * Written in the same transaction as the change.
 */
public final class AuditLog {
  private AuditLog() {}

  /** @param action {@code created}, {@code updated} or {@code deleted}, as LiteLLM records them */
  public static void record(Connection c, String changedBy, String table, String objectId, String action,
      JsonNode before, JsonNode after) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO tg_audit_log (id, changed_at, changed_by, "
        + "changed_by_api_key, action, table_name, object_id, before_value, updated_values) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, UUID.randomUUID().toString());
      s.setLong(2, System.currentTimeMillis());
      s.setString(3, changedBy);
      s.setString(4, null);
      s.setString(5, action);
      s.setString(6, table);
      s.setString(7, objectId);
      s.setString(8, before == null ? null : Json.writeString(before));
      s.setString(9, after == null ? null : Json.writeString(after));
      s.executeUpdate();
    }
  }
}
