package dev.tollgate.gateway.entities;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Members of a team ({@code tg_team_members}, role {@code admin}|{@code user}) or of an organization
 * ({@code tg_organization_members}, column {@code user_role}). Blocking JDBC on a caller's connection.
 */
public enum Membership {
  TEAM("tg_team_members", "team_id", "role"),
  ORGANIZATION("tg_organization_members", "organization_id", "user_role");

  private final String table;
  private final String groupColumn;
  private final String roleColumn;

  Membership(String table, String groupColumn, String roleColumn) {
    this.table = table;
    this.groupColumn = groupColumn;
    this.roleColumn = roleColumn;
  }

  /** Adds {@code userId} with {@code role}, or changes the role of an existing member. */
  public void put(Connection c, String groupId, String userId, String role, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET " + roleColumn + " = ? WHERE "
        + groupColumn + " = ? AND user_id = ?")) {
      s.setString(1, role);
      s.setString(2, groupId);
      s.setString(3, userId);
      if (s.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (" + groupColumn + ", user_id, "
        + roleColumn + ", created_at) VALUES (?, ?, ?, ?)")) {
      s.setString(1, groupId);
      s.setString(2, userId);
      s.setString(3, role);
      s.setLong(4, now);
      s.executeUpdate();
    }
  }

  public boolean remove(Connection c, String groupId, String userId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE " + groupColumn
        + " = ? AND user_id = ?")) {
      s.setString(1, groupId);
      s.setString(2, userId);
      return s.executeUpdate() == 1;
    }
  }

  /** Drops every membership of the group (the group is being deleted). */
  public void removeGroup(Connection c, String groupId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE " + groupColumn + " = ?")) {
      s.setString(1, groupId);
      s.executeUpdate();
    }
  }

  /** Drops every membership of the user (the user is being deleted). */
  public void removeUser(Connection c, String userId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
      s.setString(1, userId);
      s.executeUpdate();
    }
  }

  /** User id to role, in joining order. */
  public Map<String, String> members(Connection c, String groupId) throws SQLException {
    return pairs(c, "SELECT user_id, " + roleColumn + " FROM " + table + " WHERE " + groupColumn
        + " = ? ORDER BY created_at, user_id", groupId);
  }

  /** Group id to the user's role there. */
  public Map<String, String> groupsOf(Connection c, String userId) throws SQLException {
    return pairs(c, "SELECT " + groupColumn + ", " + roleColumn + " FROM " + table
        + " WHERE user_id = ? ORDER BY created_at, " + groupColumn, userId);
  }

  /** The SQL condition "the group row's id is one of this user's groups", for {@link EntityStore.Where}. */
  public String groupsOfUserCondition() {
    return groupColumn + " IN (SELECT " + groupColumn + " FROM " + table + " WHERE user_id = ?)";
  }

  private static Map<String, String> pairs(Connection c, String sql, String arg) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getString(2));
        }
      }
    }
    return out;
  }
}
