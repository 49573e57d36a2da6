package dev.tollgate.gateway.guardrails.stored;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tg_guardrails}: the guardrails added through the management API. Blocking JDBC: call off the event loop.
 * Never read on a request's path: the served guardrails are a snapshot ({@link GuardrailSync}).
 */
public final class GuardrailStore {
  private static final String COLUMNS =
      "guardrail_id, guardrail_name, litellm_params, guardrail_info, created_at, updated_at";
  private final Database db;

  public GuardrailStore(Database db) {
    this.db = db;
  }

  public void insert(StoredGuardrail g) {
    db.inline(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO tg_guardrails (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setString(1, g.guardrailId());
        s.setString(2, g.guardrailName());
        s.setString(3, Json.writeString(g.litellmParams()));
        s.setString(4, Json.writeString(g.guardrailInfo()));
        s.setLong(5, g.createdAt());
        s.setLong(6, g.updatedAt());
        return s.executeUpdate();
      }
    });
  }

  /** Replaces name, params, info and {@code updated_at} of the row with {@code g.guardrailId()}; false when none. */
  public boolean update(StoredGuardrail g) {
    return db.inline(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE tg_guardrails SET guardrail_name = ?, litellm_params = ?, "
          + "guardrail_info = ?, updated_at = ? WHERE guardrail_id = ?")) {
        s.setString(1, g.guardrailName());
        s.setString(2, Json.writeString(g.litellmParams()));
        s.setString(3, Json.writeString(g.guardrailInfo()));
        s.setLong(4, g.updatedAt());
        s.setString(5, g.guardrailId());
        return s.executeUpdate() == 1;
      }
    });
  }

  /** Deletes the row; false when there was none. */
  public boolean delete(String guardrailId) {
    return db.inline(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM tg_guardrails WHERE guardrail_id = ?")) {
        s.setString(1, guardrailId);
        return s.executeUpdate() == 1;
      }
    });
  }

  /** The row with this id, or null. */
  public StoredGuardrail find(String guardrailId) {
    return one("guardrail_id", guardrailId);
  }

  /** The row with this name, or null. */
  public StoredGuardrail named(String guardrailName) {
    return one("guardrail_name", guardrailName);
  }

  private StoredGuardrail one(String column, String value) {
    return db.inline(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM tg_guardrails WHERE " + column
          + " = ?")) {
        s.setString(1, value);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? row(r) : null;
        }
      }
    });
  }

  /** Every row, oldest first (the order they run in, after the config file's). */
  public List<StoredGuardrail> all() {
    return db.inline(c -> {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM tg_guardrails ORDER BY created_at, guardrail_id")) {
        List<StoredGuardrail> out = new ArrayList<>();
        while (r.next()) {
          out.add(row(r));
        }
        return out;
      }
    });
  }

  /**
   * A cheap summary that changes whenever a row is added, updated or deleted: the row count, the newest
   * {@code updated_at} and the sum of all {@code updated_at} (a delete plus an insert between two polls still moves
   * the sum).
   */
  public String fingerprint() {
    return db.inline(c -> {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(updated_at), SUM(updated_at) FROM tg_guardrails")) {
        r.next();
        return r.getLong(1) + "/" + r.getString(2) + "/" + r.getString(3);
      }
    });
  }

  private static StoredGuardrail row(ResultSet r) throws SQLException {
    return new StoredGuardrail(r.getString(1), r.getString(2), object(r.getString(3)), object(r.getString(4)),
        r.getLong(5), r.getLong(6));
  }

  private static ObjectNode object(String text) {
    if (text == null || text.isBlank()) {
      return Json.object();
    }
    var node = Json.tree(text.getBytes(StandardCharsets.UTF_8));
    return node instanceof ObjectNode o ? o : Json.object();
  }
}
