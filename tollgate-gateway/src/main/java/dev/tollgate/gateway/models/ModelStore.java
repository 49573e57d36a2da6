package dev.tollgate.gateway.models;

import dev.tollgate.gateway.store.Database;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** {@code tg_models}: the models added through the API. Blocking JDBC: call off the event loop. */
public final class ModelStore {
  private static final String COLUMNS =
      "model_id, model_name, litellm_params, model_info, created_at, created_by, updated_at, updated_by";
  private final Database db;

  public ModelStore(Database db) {
    this.db = db;
  }

  public void insert(StoredModel m) {
    db.inline(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO tg_models (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        bind(s, m);
        return s.executeUpdate();
      }
    });
  }

  /** Replaces the row with {@code m.modelId()}; false when there is none. */
  public boolean update(StoredModel m) {
    return db.inline(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE tg_models SET model_name = ?, litellm_params = ?, "
          + "model_info = ?, updated_at = ?, updated_by = ? WHERE model_id = ?")) {
        s.setString(1, m.modelName());
        s.setString(2, Json.writeString(m.litellmParams()));
        s.setString(3, Json.writeString(m.modelInfo()));
        s.setLong(4, m.updatedAt());
        s.setString(5, m.updatedBy());
        s.setString(6, m.modelId());
        return s.executeUpdate() == 1;
      }
    });
  }

  /** Deletes the row; false when there was none. */
  public boolean delete(String modelId) {
    return db.inline(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM tg_models WHERE model_id = ?")) {
        s.setString(1, modelId);
        return s.executeUpdate() == 1;
      }
    });
  }

  /** The row with this id, or null. */
  public StoredModel find(String modelId) {
    return all().stream().filter(m -> m.modelId().equals(modelId)).findFirst().orElse(null);
  }

  /** Every row, oldest first. */
  public List<StoredModel> all() {
    return db.inline(c -> {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM tg_models ORDER BY created_at, model_id")) {
        List<StoredModel> out = new ArrayList<>();
        while (r.next()) {
          out.add(new StoredModel(r.getString(1), r.getString(2), object(r.getString(3)), object(r.getString(4)),
              r.getLong(5), r.getString(6), r.getLong(7), r.getString(8)));
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
    return db.inline(Fingerprint::read);
  }

  private static final class Fingerprint {
    static String read(Connection c) throws SQLException {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(updated_at), SUM(updated_at) FROM tg_models")) {
        r.next();
        return r.getLong(1) + "/" + r.getString(2) + "/" + r.getString(3);
      }
    }
  }

  private static void bind(PreparedStatement s, StoredModel m) throws SQLException {
    s.setString(1, m.modelId());
    s.setString(2, m.modelName());
    s.setString(3, Json.writeString(m.litellmParams()));
    s.setString(4, Json.writeString(m.modelInfo()));
    s.setLong(5, m.createdAt());
    s.setString(6, m.createdBy());
    s.setLong(7, m.updatedAt());
    s.setString(8, m.updatedBy());
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode object(String text) {
    if (text == null || text.isBlank()) {
      return Json.object();
    }
    var node = Json.tree(text.getBytes(StandardCharsets.UTF_8));
    return node instanceof com.fasterxml.jackson.databind.node.ObjectNode o ? o : Json.object();
  }
}
