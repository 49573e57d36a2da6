package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.keys.Durations;
import dev.tollgate.gateway.keys.KeyCache;
import dev.tollgate.gateway.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget-reset job (LiteLLM's {@code ResetBudgetJob}): every key, user, team and shared budget row whose
 * {@code budget_reset_at} has passed gets its spend set to 0 and its next {@code budget_reset_at} set to now plus its
 * {@code budget_duration}. Safe with several instances on one database: each row is claimed with a conditional
 * {@code UPDATE ... WHERE budget_reset_at = <the value read>}, so only one instance resets it. Reset keys are dropped
 * from the key cache, so a key refused for {@code budget_exceeded} works again at once.
 *
 * <p>Runs on its own daemon thread ({@code tollgate-budget-reset}), never an event loop, a random time between the
 * configured minimum and maximum apart (LiteLLM: 597-605 s), so that instances started together spread out.
 */
public final class BudgetResets implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetResets.class);
  private final Database db;
  private final KeyCache keys;
  private final LongSupplier clock;
  private ScheduledExecutorService timer;

  public BudgetResets(Database db, KeyCache keys, LongSupplier clock) {
    this.db = db;
    this.keys = keys;
    this.clock = clock;
  }

  /** What one run reset. */
  public record Result(int keys, int users, int teams, int budgets) {
    public int total() {
      return keys + users + teams + budgets;
    }
  }

  /** Resets everything due at the clock's now. */
  public Result runOnce() {
    return runOnce(clock.getAsLong());
  }

  /** Resets everything whose {@code budget_reset_at} is at or before {@code now} (epoch ms). Blocking. */
  public Result runOnce(long now) {
    int[] counts = new int[BudgetTable.ALL.size()];
    for (int i = 0; i < counts.length; i++) {
      BudgetTable table = BudgetTable.ALL.get(i);
      List<String> reset = db.inline(c -> reset(c, table, now));
      counts[i] = reset.size();
      if (table == BudgetTable.KEYS) {
        reset.forEach(keys::invalidate);
      }
    }
    Result result = new Result(counts[0], counts[1], counts[2], counts[3]);
    if (result.total() > 0) {
      LOG.info("budgets reset: {} keys, {} users, {} teams, {} budget rows", counts[0], counts[1], counts[2],
          counts[3]);
    }
    return result;
  }

  private List<String> reset(Connection c, BudgetTable t, long now) throws SQLException {
    List<Due> due = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + t.idColumn() + ", budget_duration, budget_reset_at FROM "
        + t.table() + " WHERE budget_reset_at <= ?")) {
      s.setLong(1, now);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          due.add(new Due(r.getString(1), r.getString(2), r.getLong(3)));
        }
      }
    }
    List<String> done = new ArrayList<>();
    for (Due d : due) {
      Long next = d.duration() != null && Durations.isValid(d.duration()) ? Durations.after(now, d.duration()) : null;
      if (next == null) {
        LOG.warn("{} {}: budget_duration '{}' is not a duration; its budget is not reset", t.table(), d.id(),
            d.duration());
      }
      if (next != null && claim(c, t, d, next)) {
        done.add(d.id());
      }
    }
    return done;
  }

  /** Moves the row's reset time on and zeroes its spend in one transaction, if no other instance did it first. */
  private boolean claim(Connection c, BudgetTable t, Due d, long next) throws SQLException {
    return db.transaction(c, tx -> {
      try (PreparedStatement s = tx.prepareStatement("UPDATE " + t.table() + " SET budget_reset_at = ? WHERE "
          + t.idColumn() + " = ? AND budget_reset_at = ?")) {
        s.setLong(1, next);
        s.setString(2, d.id());
        s.setLong(3, d.resetAt());
        if (s.executeUpdate() != 1) {
          return false;
        }
      }
      List<String> statements = new ArrayList<>(t.linkedResets());
      if (t.spendReset() != null) {
        statements.add(0, t.spendReset());
      }
      for (String sql : statements) {
        try (PreparedStatement s = tx.prepareStatement(sql)) {
          s.setString(1, d.id());
          s.executeUpdate();
        }
      }
      return true;
    });
  }

  private record Due(String id, String duration, long resetAt) {}

  /** Runs the job every {@code min}..{@code max} (a new random delay each time) until {@link #close}. */
  public synchronized void start(Duration min, Duration max) {
    close();
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tollgate-budget-reset");
      t.setDaemon(true);
      return t;
    });
    scheduleNext(timer, min, max);
  }

  private void scheduleNext(ScheduledExecutorService on, Duration min, Duration max) {
    long lo = Math.max(10, min.toMillis());
    long hi = Math.max(lo, max.toMillis());
    long delay = lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
    try {
      on.schedule(() -> {
        try {
          runOnce();
        } catch (RuntimeException e) {
          LOG.warn("the budget-reset job failed (will retry): {}", e.getMessage());
        }
        scheduleNext(on, min, max);
      }, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // stopped
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
