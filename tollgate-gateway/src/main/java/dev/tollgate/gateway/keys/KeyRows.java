package dev.tollgate.gateway.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/** Maps {@link VirtualKey} to and from {@code tg_keys} rows; JSON columns are TEXT. */
final class KeyRows {
  /** The columns written on insert and update, in binding order. */
  static final List<String> COLUMNS = List.of("token", "key_name", "key_alias", "user_id", "team_id",
      "organization_id", "key_type", "models", "aliases", "max_budget", "soft_budget", "budget_duration",
      "budget_reset_at", "spend", "rpm_limit", "tpm_limit", "max_parallel_requests", "model_rpm_limit", "model_tpm_limit", "model_max_budget", "metadata",
      "tags",
      "allowed_routes", "blocked", "expires", "rotation_count", "created_at", "created_by", "updated_at",
      "updated_by", "allowed_cache_controls");
  static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM tg_keys";
  static final String INSERT = "INSERT INTO tg_keys (" + String.join(", ", COLUMNS) + ") VALUES ("
      + String.join(", ", COLUMNS.stream().map(c -> "?").toList()) + ")";
  /**
   * Writes every column but adds to {@code spend} ({@code spend = spend + ?}, bound with the change the caller made):
   * spend written by the spend writer between a management call's read and its write is kept.
   */
  static final String UPDATE = "UPDATE tg_keys SET "
      + String.join(", ", COLUMNS.stream().map(c -> c.equals("spend") ? "spend = spend + ?" : c + " = ?").toList())
      + " WHERE token = ?";

  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {};

  private KeyRows() {}

  /** Binds every column of {@code k}; returns the next parameter index. */
  static int bind(PreparedStatement s, VirtualKey k) throws SQLException {
    int i = 1;
    s.setString(i++, k.token());
    s.setString(i++, k.keyName());
    s.setString(i++, k.keyAlias());
    s.setString(i++, k.userId());
    s.setString(i++, k.teamId());
    s.setString(i++, k.organizationId());
    s.setString(i++, k.keyType());
    s.setString(i++, Json.writeString(k.models()));
    s.setString(i++, Json.writeString(k.aliases()));
    setDouble(s, i++, k.maxBudget());
    setDouble(s, i++, k.softBudget());
    s.setString(i++, k.budgetDuration());
    setLong(s, i++, k.budgetResetAt());
    s.setDouble(i++, k.spend());
    setLong(s, i++, k.rpmLimit());
    setLong(s, i++, k.tpmLimit());
    if (k.maxParallelRequests() == null) {
      s.setNull(i++, Types.INTEGER);
    } else {
      s.setInt(i++, k.maxParallelRequests());
    }
    s.setString(i++, k.modelRpmLimit().isEmpty() ? null : Json.writeString(k.modelRpmLimit()));
    s.setString(i++, k.modelTpmLimit().isEmpty() ? null : Json.writeString(k.modelTpmLimit()));
    s.setString(i++, Json.writeString(ModelBudget.toJson(k.modelMaxBudget())));
    s.setString(i++, Json.writeString(k.metadata()));
    s.setString(i++, Json.writeString(k.tags()));
    s.setString(i++, Json.writeString(k.allowedRoutes()));
    s.setBoolean(i++, k.blocked());
    setLong(s, i++, k.expires());
    s.setInt(i++, k.rotationCount());
    s.setLong(i++, k.createdAt());
    s.setString(i++, k.createdBy());
    s.setLong(i++, k.updatedAt());
    s.setString(i++, k.updatedBy());
    s.setString(i++, Json.writeString(k.allowedCacheControls()));
    return i;
  }

  static VirtualKey read(ResultSet r) throws SQLException {
    VirtualKey.Builder b = new VirtualKey.Builder();
    b.token = r.getString("token");
    b.keyName = r.getString("key_name");
    b.keyAlias = r.getString("key_alias");
    b.userId = r.getString("user_id");
    b.teamId = r.getString("team_id");
    b.organizationId = r.getString("organization_id");
    b.keyType = r.getString("key_type");
    b.models = json(r.getString("models"), LIST);
    b.aliases = json(r.getString("aliases"), MAP);
    b.maxBudget = getDouble(r, "max_budget");
    b.softBudget = getDouble(r, "soft_budget");
    b.budgetDuration = r.getString("budget_duration");
    b.budgetResetAt = getLong(r, "budget_reset_at");
    b.spend = r.getDouble("spend");
    b.rpmLimit = getLong(r, "rpm_limit");
    b.tpmLimit = getLong(r, "tpm_limit");
    int parallel = r.getInt("max_parallel_requests");
    b.maxParallelRequests = r.wasNull() ? null : parallel;
    b.modelRpmLimit = json(r.getString("model_rpm_limit"), COUNTS);
    b.modelTpmLimit = json(r.getString("model_tpm_limit"), COUNTS);
    String budgets = r.getString("model_max_budget");
    b.modelMaxBudget = budgets == null || budgets.isBlank() ? null
        : ModelBudget.parseStored(Json.tree(budgets.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    JsonNode meta = Json.tree(nullToEmpty(r.getString("metadata"), "{}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    b.metadata = meta instanceof ObjectNode o ? o : Json.object();
    b.tags = json(r.getString("tags"), LIST);
    b.allowedRoutes = json(r.getString("allowed_routes"), LIST);
    b.blocked = r.getBoolean("blocked");
    b.expires = getLong(r, "expires");
    b.rotationCount = r.getInt("rotation_count");
    b.createdAt = r.getLong("created_at");
    b.createdBy = r.getString("created_by");
    b.updatedAt = r.getLong("updated_at");
    b.updatedBy = r.getString("updated_by");
    b.allowedCacheControls = json(r.getString("allowed_cache_controls"), LIST);
    return b.build();
  }

  private static <T> T json(String text, TypeReference<T> type) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt JSON column in tg_keys: " + e.getMessage(), e);
    }
  }

  private static String nullToEmpty(String s, String empty) {
    return s == null || s.isBlank() ? empty : s;
  }

  private static void setDouble(PreparedStatement s, int i, Double v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.DOUBLE);
    } else {
      s.setDouble(i, v);
    }
  }

  private static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, v);
    }
  }

  private static Double getDouble(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? null : v;
  }

  private static Long getLong(ResultSet r, String column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? null : v;
  }
}
