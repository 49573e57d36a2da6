package dev.tollgate.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Transactions on a pooled connection after one could not begin. */
class DatabaseTest {
  @Test
  void aTransactionThatCouldNotBeginForTheSqliteLockLeavesNoBrokenConnectionBehind() throws Exception {
    try (TestDatabase file = TestDatabase.sqlite(); Database db = Database.open(file.url())) {
      db.inline(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE t (v INTEGER)");
        }
        return null;
      });
      // another process holds the write lock for longer than the busy timeout: BEGIN IMMEDIATE fails
      try (Connection other = DriverManager.getConnection(DatabaseUrl.parse(file.url()).jdbcUrl());
          Statement lock = other.createStatement()) {
        lock.execute("BEGIN IMMEDIATE");
        assertThatThrownBy(() -> db.inline(c -> {
          try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 50");
          }
          return db.transaction(c, tx -> insert(tx, 1));
        })).hasMessageContaining("SQLITE_BUSY");
        lock.execute("ROLLBACK");
      }
      // the lock is gone: the next transactions (on the same thread, which gets its last connection back first) work
      for (int i = 2; i <= 5; i++) {
        int v = i;
        db.inline(c -> db.transaction(c, tx -> insert(tx, v)));
      }
      String countAndSum = db.inline(c -> {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*), SUM(v) FROM t")) {
          r.next();
          return r.getInt(1) + "/" + r.getInt(2);
        }
      });
      assertThat(countAndSum).isEqualTo("4/14");
    }
  }

  private static Void insert(Connection tx, int v) throws java.sql.SQLException {
    try (Statement s = tx.createStatement()) {
      s.execute("INSERT INTO t (v) VALUES (" + v + ")");
    }
    return null;
  }
}
