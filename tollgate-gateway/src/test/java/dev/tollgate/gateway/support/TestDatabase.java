package dev.tollgate.gateway.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throw-away database for one test class. SQLite: a file in a temp directory. PostgreSQL: a fresh schema
 * {@code t_<random>} in database {@code test} on 127.0.0.1:5432 (user {@code postgres}, trust auth), dropped on
 * close. When that server is not reachable an embedded PostgreSQL (zonky) is started once per JVM instead, except
 * under CI ({@code CI=true}), where a missing server fails the test. Env {@code TOLLGATE_TEST_PG_URL} (a JDBC URL with
 * its {@code user=}) points the tests at another server.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static String adminUrl;
  private static EmbeddedPostgres embedded;

  private final String url;
  private final Runnable cleanup;

  private TestDatabase(String url, Runnable cleanup) {
    this.url = url;
    this.cleanup = cleanup;
  }

  public static TestDatabase sqlite() {
    try {
      Path dir = Files.createTempDirectory("tollgate-test-db");
      return new TestDatabase("sqlite:" + dir.resolve("tollgate.db"), () -> deleteTree(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TestDatabase postgres() {
    String admin = adminUrl();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    execute(admin, "CREATE SCHEMA " + schema);
    String sep = admin.contains("?") ? "&" : "?";
    return new TestDatabase(admin + sep + "currentSchema=" + schema,
        () -> execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  /** The URL to give {@code Database.open} / {@code ControlPlane.open}. */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    cleanup.run();
  }

  private static synchronized String adminUrl() {
    if (adminUrl != null) {
      return adminUrl;
    }
    String override = System.getenv("TOLLGATE_TEST_PG_URL");
    String local = override != null && !override.isBlank() ? override : LOCAL + "?user=postgres&connectTimeout=3";
    try (Connection c = DriverManager.getConnection(local)) {
      adminUrl = local;
      return adminUrl;
    } catch (SQLException notThere) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("PostgreSQL is not reachable at " + local + "; CI must provide it: "
            + notThere.getMessage(), notThere);
      }
    }
    try {
      embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.close();
        } catch (IOException ignored) {
          // exiting
        }
      }));
      adminUrl = embedded.getJdbcUrl("postgres", "postgres");
      return adminUrl;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
    }
  }

  private static void execute(String jdbcUrl, String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp files
    }
  }
}
