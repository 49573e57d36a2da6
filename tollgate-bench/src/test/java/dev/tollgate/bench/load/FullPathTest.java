package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class FullPathTest {
  @Test
  void theRunsPostgresSchemaIsDroppedAfterwards() throws Exception {
    Path dir = Files.createTempDirectory("full-path-test");
    FullPath db = FullPath.create(dir);
    if (!db.jdbcUrl.startsWith("jdbc:postgresql:")) {
      // no PostgreSQL on 127.0.0.1:5432 (a machine with only a JDK): the SQLite fallback has nothing to drop
      assertThat(db.label).contains("PostgreSQL unreachable");
      db.drop();
      return;
    }
    String schema = db.jdbcUrl.substring(db.jdbcUrl.indexOf("currentSchema=") + "currentSchema=".length());
    assertThat(schemaExists(schema)).isTrue();
    db.drop();
    assertThat(schemaExists(schema)).isFalse();
  }

  private static boolean schemaExists(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(FullPath.PG); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
      r.next();
      return r.getInt(1) == 1;
    }
  }
}
