package dev.tollgate.gateway.keys;

import dev.tollgate.gateway.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JDBC repository of virtual keys ({@code tg_keys}). Every method blocks: call it from a database thread
 * ({@link Database#run}), never from an event loop.
 */
public final class KeyStore {
  /**
   * LiteLLM's {@code UI_SESSION_TOKEN_TEAM_ID}: the team of dashboard session keys (single sign-on logins), which
   * {@link #list} leaves out as LiteLLM's {@code /key/list} does.
   */
  public static final String UI_SESSION_TEAM_ID = "litellm-dashboard";
  private final Database db;
  private final AtomicLong lookups = new AtomicLong();

  public KeyStore(Database db) {
    this.db = db;
  }

  public Database database() {
    return db;
  }

  /** How many times {@link #find} has queried the database (tests check that the cache spares it). */
  public long lookups() {
    return lookups.get();
  }

  /**
   * The key with this hash, with its spend in each {@code model_max_budget} window as written now
   * ({@link VirtualKey#modelSpend}).
   */
  public Optional<VirtualKey> find(String hash) {
    lookups.incrementAndGet();
    return db.inline(c -> {
      Optional<VirtualKey> found = one(c, KeyRows.SELECT + " WHERE token = ?", hash);
      if (found.isEmpty() || found.get().modelMaxBudget().isEmpty()) {
        return found;
      }
      VirtualKey.Builder b = found.get().toBuilder();
      b.modelSpend = ModelWindows.load(c, hash, b.modelMaxBudget, System.currentTimeMillis());
      return Optional.of(b.build());
    });
  }

  public Optional<VirtualKey> findByAlias(String alias) {
    return db.inline(c -> one(c, KeyRows.SELECT + " WHERE key_alias = ?", alias));
  }

  /** Inserts {@code key}; a taken alias is a {@link KeyConflictException}. */
  public void insert(VirtualKey key) {
    db.inline(c -> db.transaction(c, tx -> {
      checkAlias(tx, key.keyAlias(), key.token());
      try (PreparedStatement s = tx.prepareStatement(KeyRows.INSERT)) {
        KeyRows.bind(s, key);
        s.executeUpdate();
      } catch (SQLException e) {
        throw conflictOr(e, key);
      }
      return null;
    }));
  }

  /**
   * Writes every field of {@code key} over the row whose token is {@code currentHash} (a different {@code key.token()}
   * moves the row to a new hash, as /key/regenerate does). Spend is written as a change, {@code key.spend()} minus
   * {@code existing.spend()} (the row as read before the change), so spend the writer added in between is kept.
   * Returns false when no row matched.
   */
  public boolean update(String currentHash, VirtualKey existing, VirtualKey key) {
    // spend is written as a change (spend = spend + delta) so that concurrent spend writes are not lost
    VirtualKey.Builder delta = key.toBuilder();
    delta.spend = key.spend() - existing.spend();
    VirtualKey bound = delta.build();
    return db.inline(c -> db.transaction(c, tx -> {
      checkAlias(tx, key.keyAlias(), currentHash);
      boolean updated;
      try (PreparedStatement s = tx.prepareStatement(KeyRows.UPDATE)) {
        int i = KeyRows.bind(s, bound);
        s.setString(i, currentHash);
        updated = s.executeUpdate() == 1;
      } catch (SQLException e) {
        throw conflictOr(e, key);
      }
      if (updated && !currentHash.equals(key.token())) { // model-budget spend moves with a regenerated key
        try (PreparedStatement s = tx.prepareStatement("UPDATE tg_key_model_spend SET token = ? WHERE token = ?")) {
          s.setString(1, key.token());
          s.setString(2, currentHash);
          s.executeUpdate();
        }
      }
      return updated;
    }));
  }

  /** Deletes the rows with these hashes in one transaction; returns how many were deleted. */
  public int delete(List<String> hashes) {
    return db.inline(c -> db.transaction(c, tx -> {
      int deleted = 0;
      try (PreparedStatement s = tx.prepareStatement("DELETE FROM tg_keys WHERE token = ?");
          PreparedStatement m = tx.prepareStatement("DELETE FROM tg_key_model_spend WHERE token = ?")) {
        for (String hash : hashes) {
          s.setString(1, hash);
          deleted += s.executeUpdate();
          m.setString(1, hash);
          m.executeUpdate();
        }
      }
      return deleted;
    }));
  }

  /** One page of keys, newest first, with the total that match; dashboard session keys are not listed. */
  public Page list(String userId, String teamId, String keyAlias, int page, int size) {
    return list(userId, teamId, keyAlias, null, page, size);
  }

  /**
   * One page of keys, newest first, with the total that match; each filter is exact and skipped when null. The page
   * walks {@code tg_keys_created} (or the team / user variant) in order, so it costs the page, not the table.
   */
  public Page list(String userId, String teamId, String keyAlias, String keyHash, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE (team_id IS NULL OR team_id <> ?)");
    List<String> args = new ArrayList<>();
    args.add(UI_SESSION_TEAM_ID);
    if (keyHash != null) {
      where.append(" AND token = ?");
      args.add(keyHash);
    }
    if (userId != null) {
      where.append(" AND user_id = ?");
      args.add(userId);
    }
    if (teamId != null) {
      where.append(" AND team_id = ?");
      args.add(teamId);
    }
    if (keyAlias != null) {
      where.append(" AND key_alias = ?");
      args.add(keyAlias);
    }
    return db.inline(c -> {
      long total;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM tg_keys" + where)) {
        bindAll(s, args);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          total = r.getLong(1);
        }
      }
      List<VirtualKey> keys = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(KeyRows.SELECT + where
          + " ORDER BY created_at DESC, token DESC LIMIT ? OFFSET ?")) {
        int i = bindAll(s, args);
        s.setInt(i++, size);
        s.setLong(i, (long) (page - 1) * size);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            keys.add(KeyRows.read(r));
          }
        }
      }
      return new Page(keys, total);
    });
  }

  /** Every key of this user, newest first, on the caller's connection (for /user/info and /user/delete). */
  public static List<VirtualKey> ofUser(Connection c, String userId) throws SQLException {
    return all(c, " WHERE user_id = ?", userId);
  }

  /** Every key of this team, newest first, on the caller's connection (for /team/info and /team/delete). */
  public static List<VirtualKey> ofTeam(Connection c, String teamId) throws SQLException {
    return all(c, " WHERE team_id = ?", teamId);
  }

  private static List<VirtualKey> all(Connection c, String where, String arg) throws SQLException {
    List<VirtualKey> keys = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(KeyRows.SELECT + where + " ORDER BY created_at DESC, token")) {
      s.setString(1, arg);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          keys.add(KeyRows.read(r));
        }
      }
    }
    return keys;
  }

  /** A page of {@link #list}. */
  public record Page(List<VirtualKey> keys, long total) {}

  private static int bindAll(PreparedStatement s, List<String> args) throws SQLException {
    int i = 1;
    for (String a : args) {
      s.setString(i++, a);
    }
    return i;
  }

  private static Optional<VirtualKey> one(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(KeyRows.read(r)) : Optional.empty();
      }
    }
  }

  private static void checkAlias(Connection c, String alias, String ownHash) throws SQLException {
    if (alias == null) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT token FROM tg_keys WHERE key_alias = ?")) {
      s.setString(1, alias);
      try (ResultSet r = s.executeQuery()) {
        if (r.next() && !r.getString(1).equals(ownHash)) {
          throw new KeyConflictException("key_alias '" + alias + "' is already used by another key");
        }
      }
    }
  }

  /** A unique-constraint violation (23505 on PostgreSQL, SQLITE_CONSTRAINT on SQLite) becomes a conflict. */
  private static RuntimeException conflictOr(SQLException e, VirtualKey key) {
    String state = e.getSQLState();
    boolean unique = "23505".equals(state) || (e.getErrorCode() == 19 && String.valueOf(e.getMessage()).contains("UNIQUE"));
    if (!unique) {
      return new dev.tollgate.gateway.store.DatabaseException(e.getMessage(), e);
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("alias")) {
      return new KeyConflictException("key_alias '" + key.keyAlias() + "' is already used by another key");
    }
    return new KeyConflictException("this key already exists; choose another 'key' value");
  }
}
