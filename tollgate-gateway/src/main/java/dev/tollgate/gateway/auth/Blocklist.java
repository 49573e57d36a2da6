package dev.tollgate.gateway.auth;

import dev.tollgate.gateway.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The blocked teams, in memory, so that {@code KeyAuth} refuses a blocked team's keys on every route (management ones
 * too) without touching the database: {@code /team/block} and {@code /team/unblock} update it at once on this
 * instance; the set is reloaded from the database in the background when older than {@link #TTL}, so other instances
 * follow within that time. Only blocked rows are loaded (few, in practice). Blocked customers are checked on LLM calls
 * through the entity cache ({@code budgets.BudgetChecks}).
 */
public final class Blocklist {
  public static final Duration TTL = Duration.ofSeconds(60);

  private record Snapshot(Set<String> teams, long loadedAt) {}

  private final Database db;
  private final long ttlMillis;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  /** Counts local changes, so that a reload that began before one does not undo it. */
  private final AtomicLong changes = new AtomicLong();
  private volatile Snapshot snapshot;

  /** Loads the blocked rows now (blocking: call at start-up, off the event loop); reloads after {@link #TTL}. */
  public Blocklist(Database db) {
    this(db, TTL);
  }

  /** With another reload interval (tests). */
  public Blocklist(Database db, Duration ttl) {
    this.db = db;
    this.ttlMillis = ttl.toMillis();
    this.snapshot = db.inline(Blocklist::load);
  }

  public boolean teamBlocked(String teamId) {
    refreshIfStale();
    return teamId != null && snapshot.teams().contains(teamId);
  }

  /** Records a team's new state (after the change is committed). */
  public synchronized void team(String teamId, boolean blocked) {
    Snapshot s = snapshot;
    snapshot = new Snapshot(with(s.teams(), teamId, blocked), s.loadedAt());
    changes.incrementAndGet();
  }

  /** Reloads the set in the background now (another instance changed a team). */
  public void reload() {
    if (refreshing.compareAndSet(false, true)) {
      load();
    }
  }

  private void refreshIfStale() {
    if (System.currentTimeMillis() - snapshot.loadedAt() < ttlMillis || !refreshing.compareAndSet(false, true)) {
      return;
    }
    load();
  }

  private void load() {
    long seen = changes.get();
    db.run(Blocklist::load).whenComplete((loaded, failed) -> {
      synchronized (this) {
        if (loaded != null && changes.get() == seen) {
          snapshot = loaded;
        } else {
          Snapshot s = snapshot; // keep what we have; try again after another TTL
          snapshot = new Snapshot(s.teams(), System.currentTimeMillis());
        }
      }
      refreshing.set(false);
    });
  }

  private static Set<String> with(Set<String> set, String id, boolean present) {
    Set<String> out = new HashSet<>(set);
    if (present) {
      out.add(id);
    } else {
      out.remove(id);
    }
    return Set.copyOf(out);
  }

  private static Snapshot load(Connection c) throws SQLException {
    return new Snapshot(ids(c, "SELECT team_id FROM tg_teams WHERE blocked = ?"), System.currentTimeMillis());
  }

  private static Set<String> ids(Connection c, String sql) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setBoolean(1, true);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return Set.copyOf(out);
  }
}
