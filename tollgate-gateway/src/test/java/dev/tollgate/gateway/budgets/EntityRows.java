package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.ControlPlane;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes user, team, organization, end-user and budget rows straight into the gateway's database, as the management
 * APIs will, and tells the entity cache, as they must.
 */
public final class EntityRows {
  private final ControlPlane plane;

  public EntityRows(ControlPlane plane) {
    this.plane = plane;
  }

  public void team(String id, Map<String, Object> columns) {
    insert("tg_teams", "team_id", id, columns);
    plane.entityCache().invalidate(EntityKind.TEAM, id);
  }

  public void user(String id, Map<String, Object> columns) {
    insert("tg_users", "user_id", id, columns);
    plane.entityCache().invalidate(EntityKind.USER, id);
  }

  public void organization(String id, Map<String, Object> columns) {
    insert("tg_organizations", "organization_id", id, columns);
    plane.entityCache().invalidate(EntityKind.ORGANIZATION, id);
  }

  public void endUser(String id, Map<String, Object> columns) {
    insert("tg_end_users", "user_id", id, columns);
    plane.entityCache().invalidate(EntityKind.END_USER, id);
  }

  public void budget(String id, Map<String, Object> columns) {
    insert("tg_budgets", "budget_id", id, columns);
  }

  /** {@code UPDATE table SET column = value WHERE idColumn = id}, without telling the cache. */
  public void set(String table, String idColumn, String id, String column, Object value) {
    plane.database().inline(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE " + table + " SET " + column + " = ? WHERE " + idColumn + " = ?")) {
        s.setObject(1, value);
        s.setString(2, id);
        return s.executeUpdate();
      }
    });
  }

  public double spend(String table, String idColumn, String id) {
    return plane.database().inline(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT spend FROM " + table + " WHERE " + idColumn + " = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? r.getDouble(1) : Double.NaN;
        }
      }
    });
  }

  private void insert(String table, String idColumn, String id, Map<String, Object> columns) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put(idColumn, id);
    all.putAll(columns);
    long now = System.currentTimeMillis();
    all.put("created_at", now);
    all.put("updated_at", now);
    List<Object> values = new ArrayList<>(all.values());
    String sql = "INSERT INTO " + table + " (" + String.join(", ", all.keySet()) + ") VALUES ("
        + String.join(", ", java.util.Collections.nCopies(all.size(), "?")) + ")";
    plane.database().inline(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < values.size(); i++) {
          s.setObject(i + 1, values.get(i));
        }
        return s.executeUpdate();
      }
    });
  }
}
