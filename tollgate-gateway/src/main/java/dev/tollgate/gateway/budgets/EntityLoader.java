package dev.tollgate.gateway.budgets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.guardrails.TeamGuardrails;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one {@link Entity} from its table, joined with its budget row where the entity keeps its limits there. Users
 * and teams keep their budget and limits in their own row; organizations and end users in {@code tg_budgets} through
 * {@code budget_id} (LiteLLM's {@code LiteLLM_OrganizationTable} / {@code LiteLLM_EndUserTable}). Blocking; callers run
 * it on the database's executor.
 */
public final class EntityLoader {
  private static final String BUDGET_COLUMNS = "b.max_budget, b.soft_budget, b.rpm_limit, b.tpm_limit, "
      + "b.max_parallel_requests, b.budget_reset_at";
  private static final String USER = "SELECT spend, max_budget, soft_budget, rpm_limit, tpm_limit, "
      + "max_parallel_requests, budget_reset_at, models, metadata, allowed_cache_controls FROM tg_users "
      + "WHERE user_id = ?";
  private static final String TEAM = "SELECT spend, max_budget, soft_budget, rpm_limit, tpm_limit, "
      + "max_parallel_requests, budget_reset_at, models, metadata, blocked, model_rpm_limit, model_tpm_limit, "
      + "organization_id FROM tg_teams WHERE team_id = ?";
  private static final String ORGANIZATION = "SELECT o.spend, " + BUDGET_COLUMNS + ", o.models, o.metadata "
      + "FROM tg_organizations o LEFT JOIN tg_budgets b ON b.budget_id = o.budget_id WHERE o.organization_id = ?";
  private static final String END_USER = "SELECT e.spend, " + BUDGET_COLUMNS + ", e.blocked "
      + "FROM tg_end_users e LEFT JOIN tg_budgets b ON b.budget_id = e.budget_id WHERE e.user_id = ?";
  /** LiteLLM's {@code LiteLLM_TeamMembership}: its spend, its limits in its budget row. */
  private static final String TEAM_MEMBER = "SELECT m.spend, " + BUDGET_COLUMNS + " FROM tg_team_members m "
      + "LEFT JOIN tg_budgets b ON b.budget_id = m.budget_id WHERE m.team_id = ? AND m.user_id = ?";

  private final Database db;
  private final AtomicLong lookups = new AtomicLong();

  public EntityLoader(Database db) {
    this.db = db;
  }

  public Database database() {
    return db;
  }

  /** How many rows were read (tests check that the cache spares the database). */
  public long lookups() {
    return lookups.get();
  }

  public Optional<Entity> find(EntityKind kind, String id) {
    lookups.incrementAndGet();
    return db.inline(c -> read(c, kind, id));
  }

  private static Optional<Entity> read(Connection c, EntityKind kind, String id) throws SQLException {
    String sql = switch (kind) {
      case USER -> USER;
      case TEAM -> TEAM;
      case ORGANIZATION -> ORGANIZATION;
      case END_USER -> END_USER;
      case TEAM_MEMBER -> TEAM_MEMBER;
    };
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (kind == EntityKind.TEAM_MEMBER) {
        int at = id.indexOf(EntityKind.MEMBER_SEPARATOR);
        if (at < 0) {
          return Optional.empty();
        }
        s.setString(1, id.substring(0, at));
        s.setString(2, id.substring(at + 1));
      } else {
        s.setString(1, id);
      }
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        double spend = rs.getDouble(1);
        Double maxBudget = nullableDouble(rs, 2);
        Double softBudget = nullableDouble(rs, 3);
        Long rpm = nullableLong(rs, 4);
        Long tpm = nullableLong(rs, 5);
        Long parallel = nullableLong(rs, 6);
        Long resetAt = nullableLong(rs, 7);
        List<String> models = List.of();
        JsonNode metadata = null;
        boolean blocked = false;
        Map<String, Long> modelRpm = Map.of();
        Map<String, Long> modelTpm = Map.of();
        String organizationId = null;
        TeamGuardrails guardrails = TeamGuardrails.NONE;
        List<String> allowedCacheControls = List.of();
        if (kind == EntityKind.END_USER) {
          blocked = rs.getBoolean(8);
        } else if (kind != EntityKind.TEAM_MEMBER) {
          models = stringList(rs.getString(8));
          metadata = json(rs.getString(9));
        }
        if (kind == EntityKind.TEAM) {
          blocked = rs.getBoolean(10);
          // LiteLLM reads per-model limits from the team's fields, else from its metadata
          modelRpm = limits(json(rs.getString(11)), metadata, "model_rpm_limit");
          modelTpm = limits(json(rs.getString(12)), metadata, "model_tpm_limit");
          organizationId = rs.getString(13);
          guardrails = teamGuardrails(metadata);
        }
        if (kind == EntityKind.USER) {
          allowedCacheControls = stringList(json(rs.getString(10)));
        }
        return Optional.of(new Entity(kind, id, spend, maxBudget, softBudget, rpm, tpm,
            parallel == null ? null : parallel.intValue(), models, blocked, modelRpm, modelTpm, resetAt,
            organizationId, guardrails, allowedCacheControls));
      }
    }
  }

  /** A model → limit map from {@code field} (a JSON object), else from {@code metadata.<name>}; empty when neither. */
  static Map<String, Long> limits(JsonNode field, JsonNode metadata, String name) {
    JsonNode source = field != null && field.isObject() && !field.isEmpty() ? field
        : metadata != null ? metadata.get(name) : null;
    if (source == null || !source.isObject()) {
      return Map.of();
    }
    Map<String, Long> out = new HashMap<>();
    source.fields().forEachRemaining(e -> {
      if (e.getValue().isNumber()) {
        out.put(e.getKey(), e.getValue().asLong());
      }
    });
    return out;
  }

  private static List<String> stringList(String text) {
    return stringList(json(text));
  }

  /**
   * LiteLLM keeps a team's guardrail settings in its metadata: {@code guardrails} (names; the legacy object form
   * {@code {"modify_guardrails": false}} instead forbids requests to name guardrails), {@code disable_global_guardrails}
   * and {@code opted_out_global_guardrails}.
   */
  private static TeamGuardrails teamGuardrails(JsonNode metadata) {
    if (metadata == null) {
      return TeamGuardrails.NONE;
    }
    JsonNode names = metadata.get("guardrails");
    JsonNode disable = metadata.get("disable_global_guardrails");
    boolean mayChoose = names == null || !names.isObject()
        || !names.path("modify_guardrails").isBoolean() || names.path("modify_guardrails").asBoolean();
    return new TeamGuardrails(stringList(names), disable != null && disable.isBoolean() ? disable.asBoolean() : null,
        stringList(metadata.get("opted_out_global_guardrails")), mayChoose);
  }

  /** The strings of a JSON array (other items skipped); empty when {@code node} is not an array. */
  private static List<String> stringList(JsonNode node) {
    if (node == null || !node.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(node.size());
    node.forEach(n -> {
      if (n.isTextual()) {
        out.add(n.asText());
      }
    });
    return out;
  }

  private static JsonNode json(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  private static Double nullableDouble(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  private static Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }
}
