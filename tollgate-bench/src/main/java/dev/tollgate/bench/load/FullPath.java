package dev.tollgate.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Tollgate "full path" target's database side: a fresh PostgreSQL schema (or a SQLite file when PostgreSQL is not
 * reachable), a virtual key with an rpm limit made through {@code /key/generate}, and the spend-row count read
 * straight from the database to check that no row was lost.
 */
final class FullPath {
  static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  static final long RPM_LIMIT = 1_000_000_000L;
  private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"(sk-[^\"]+)\"");

  final String databaseUrl;
  final String jdbcUrl;
  final String label;
  /** The PostgreSQL schema this run made, or null (SQLite: a file in the run's temp folder). */
  private final String schema;

  private FullPath(String databaseUrl, String jdbcUrl, String label, String schema) {
    this.databaseUrl = databaseUrl;
    this.jdbcUrl = jdbcUrl;
    this.label = label;
    this.schema = schema;
  }

  /** Drops this run's PostgreSQL schema and what it holds; a failure is reported, not thrown. */
  void drop() {
    if (schema == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("WARNING: could not drop the full path's schema " + schema + ": " + e.getMessage());
    }
  }

  /** A new schema on the local PostgreSQL, else a SQLite file in {@code dir}. */
  static FullPath create(Path dir) {
    String schema = "tg_bench_" + Long.toString(System.currentTimeMillis(), 36);
    try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      return new FullPath("postgresql://postgres@127.0.0.1:5432/test?currentSchema=" + schema,
          PG + "&currentSchema=" + schema, "PostgreSQL 127.0.0.1:5432/test schema " + schema, schema);
    } catch (SQLException e) {
      Path file = dir.resolve("tollgate-full-path.db").toAbsolutePath();
      return new FullPath("sqlite:" + file, "jdbc:sqlite:" + file, "SQLite " + file + " (PostgreSQL unreachable: "
          + e.getMessage() + ")", null);
    }
  }

  /** Makes a virtual key with a (never reached) rpm limit through the management API; returns the plaintext key. */
  static String generateKey(int port, String masterKey) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/key/generate"))
        .header("authorization", "Bearer " + masterKey)
        .header("content-type", "application/json")
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"key_alias\":\"load-bench\",\"rpm_limit\":" + RPM_LIMIT + "}"))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    Matcher m = KEY.matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("/key/generate gave " + response.statusCode() + ": " + response.body());
    }
    return m.group(1);
  }

  /** Spend rows in the database now. */
  long spendRows() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM tg_spend_logs")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
