package dev.tollgate.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The control-plane database: a HikariCP pool over SQLite or PostgreSQL, migrated by Flyway when opened.
 *
 * <p><b>Threading.</b> JDBC blocks, so it never runs on a Vert.x event loop. Every query goes through {@link #run},
 * which executes it on this database's own fixed pool of platform threads ({@code tollgate-db-N}, as many as the
 * connection pool has connections, so a task never waits for a connection while holding a thread). Callers on an
 * event loop turn the returned {@link CompletableFuture} into a Vert.x future bound to their context
 * ({@code Future.fromCompletionStage(f, context)}) so that they resume on their own event loop. A dedicated executor
 * rather than {@code vertx.executeBlocking} keeps the database usable without Vert.x (CLI, tests, migrations) and
 * keeps slow queries from starving Vert.x's shared worker pool.
 */
public final class Database implements AutoCloseable {
  private final DatabaseUrl url;
  private final HikariDataSource pool;
  private final ExecutorService executor;

  private Database(DatabaseUrl url, HikariDataSource pool, int threads) {
    this.url = url;
    this.pool = pool;
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tollgate-db-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens {@code url} (see {@link DatabaseUrl#parse}) and brings its schema up to date. */
  public static Database open(String url) {
    return open(DatabaseUrl.parse(url));
  }

  public static Database open(DatabaseUrl url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.jdbcUrl());
    config.setPoolName("tollgate-db");
    if (url.user() != null) {
      config.setUsername(url.user());
    }
    if (url.password() != null) {
      config.setPassword(url.password());
    }
    int size;
    if (url.dialect() == Dialect.SQLITE) {
      createParent(url);
      config.setDriverClassName("org.sqlite.JDBC");
      // WAL lets readers run beside the one writer; busy_timeout makes a second writer wait instead of failing.
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("busy_timeout", "10000");
      // Transactions take the write lock when they begin: a transaction that reads and then writes would otherwise
      // fail with SQLITE_BUSY (no busy wait) when another writer got in between.
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      config.addDataSourceProperty("foreign_keys", "true");
      size = 4;
    } else {
      config.setDriverClassName("org.postgresql.Driver");
      // a JDBC batch of INSERTs becomes multi-row INSERTs: one statement per ~128 rows instead of per row (spend logs)
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      size = 8;
    }
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new DatabaseException("cannot connect to the database " + url.display() + ": " + rootMessage(e), e);
    }
    try {
      migrate(pool, url.dialect());
    } catch (RuntimeException e) {
      pool.close();
      throw new DatabaseException("cannot migrate the database " + url.display() + ": " + rootMessage(e), e);
    }
    return new Database(url, pool, size);
  }

  private static void migrate(DataSource dataSource, Dialect dialect) {
    if (SchemaVersion.isCurrent(dataSource)) {
      return;
    }
    Flyway.configure(Database.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.folder())
        .failOnMissingLocations(false)
        .load()
        .migrate();
  }

  private static void createParent(DatabaseUrl url) {
    Path file = Path.of(url.jdbcUrl().substring("jdbc:sqlite:".length()));
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory for " + file, e);
    }
  }

  public Dialect dialect() {
    return url.dialect();
  }

  /** Where the data lives, without any password: {@code sqlite:/path/tollgate.db} or {@code postgresql://host/db}. */
  public String display() {
    return url.display();
  }

  public DataSource dataSource() {
    return pool;
  }

  /** Runs {@code work} with a pooled connection on a database thread (never the caller's). */
  public <T> CompletableFuture<T> run(SqlFunction<T> work) {
    return CompletableFuture.supplyAsync(() -> inline(work), executor);
  }

  /** Runs {@code work} with a pooled connection on the calling thread; for code already off the event loop. */
  public <T> T inline(SqlFunction<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new DatabaseException(e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T transaction(Connection connection, SqlFunction<T> work) throws SQLException {
    boolean auto = connection.getAutoCommit();
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      // SQLite's driver marks the connection as in a transaction before its BEGIN IMMEDIATE runs. When BEGIN fails
      // (SQLITE_BUSY: another process held the write lock past busy_timeout) the connection believes it has a
      // transaction that does not exist, and every later one on it fails (xerial/sqlite-jdbc#683): the spend writer
      // would retry forever. Such a connection is closed when returned instead of going back to the pool.
      pool.evictConnection(connection);
      throw e;
    }
    try {
      T result = work.apply(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(auto);
    }
  }

  /** The executor that runs database work; callers may use it for other blocking steps of the same job. */
  public java.util.concurrent.Executor executor() {
    return executor;
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.close();
  }

  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
