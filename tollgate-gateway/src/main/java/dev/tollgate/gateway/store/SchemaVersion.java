package dev.tollgate.gateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Tells whether a database already has every migration this build ships, so that a restart can skip Flyway (loading
 * it and scanning the jar for migrations costs about a second of start-up). A fresh or older database is migrated by
 * Flyway as usual. {@code SchemaVersionTest} fails when a migration is added without raising {@link #LATEST}.
 */
final class SchemaVersion {
  /** The highest {@code V<n>__*.sql} migration in {@code db/migration}. */
  static final int LATEST = 8;

  private SchemaVersion() {}

  /** True when Flyway's history shows migration {@link #LATEST} applied successfully; false on any doubt. */
  static boolean isCurrent(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      int highest = 0;
      while (rows.next()) {
        String version = rows.getString(1);
        if (version == null || !rows.getBoolean(2)) {
          continue;
        }
        try {
          highest = Math.max(highest, Integer.parseInt(version.trim()));
        } catch (NumberFormatException dotted) {
          return false;
        }
      }
      return highest == LATEST;
    } catch (SQLException noHistoryYet) {
      return false;
    }
  }
}
