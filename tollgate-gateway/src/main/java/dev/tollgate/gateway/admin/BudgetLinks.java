package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTable;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Entities whose limits live in a budget row (organizations, customers): LiteLLM takes {@code max_budget},
 * {@code tpm_limit}, ... on their bodies, writes them to a {@code LiteLLM_BudgetTable} row and links it by
 * {@code budget_id}; replies show that row as {@code litellm_budget_table}.
 */
final class BudgetLinks {
  private BudgetLinks() {}

  /** The budget columns {@code body} sets (checked), or an empty object. */
  static ObjectNode fields(ObjectNode body, long now) {
    ObjectNode only = Json.object();
    for (String f : EntityTables.BUDGET_FIELDS) {
      if (body.has(f)) {
        only.set(f, body.get(f));
      }
    }
    return EntityFields.columns(EntityTables.BUDGETS, only, java.util.Set.of(), now);
  }

  /**
   * Writes {@code budget} to the row {@code currentId} (or to a new row when there is none) and returns the budget
   * id to link; with no budget fields, checks that {@code currentId} exists and returns it.
   */
  static String write(Connection c, String currentId, ObjectNode budget, String changedBy, long now)
      throws SQLException {
    EntityTable t = EntityTables.BUDGETS;
    if (budget.isEmpty()) {
      if (currentId != null && EntityStore.findIn(c, t, currentId).isEmpty()) {
        throw ApiError.badRequest("budget_id '" + currentId + "' does not exist; create it with /budget/new",
            "budget_id");
      }
      return currentId;
    }
    ObjectNode row = budget.deepCopy();
    row.put("updated_at", now);
    row.put("updated_by", changedBy);
    if (currentId != null && EntityStore.findIn(c, t, currentId).isPresent()) {
      EntityStore.update(c, t, currentId, row);
      return currentId;
    }
    String id = currentId != null ? currentId : UUID.randomUUID().toString();
    row.put("budget_id", id);
    row.put("created_at", now);
    row.put("created_by", changedBy);
    EntityStore.insert(c, t, row);
    return id;
  }

  /**
   * Updates row {@code id} of {@code table} (read as {@code before}) with {@code changes}, writing the budget fields
   * into the row's linked budget row (kept, or made when it had none) and recording the change in the audit log: what
   * an update of an entity whose limits live in {@code tg_budgets} (organizations, customers) does.
   */
  static void updateLinked(Connection c, EntityTable table, String id, ObjectNode before, ObjectNode changes,
      ObjectNode budget, String changedBy, long now) throws SQLException {
    String budgetId = changes.has("budget_id") ? changes.path("budget_id").asText(null)
        : before.path("budget_id").asText(null);
    changes.put("budget_id", write(c, budgetId, budget, changedBy, now));
    EntityStore.update(c, table, id, changes);
    AuditLog.record(c, changedBy, table.table(), id, "updated", before, changes);
  }

  /** Adds {@code litellm_budget_table} (the linked row, or null) to {@code reply}. */
  static ObjectNode attach(Connection c, ObjectNode reply, String budgetId) throws SQLException {
    Optional<ObjectNode> budget = budgetId == null ? Optional.empty()
        : EntityStore.findIn(c, EntityTables.BUDGETS, budgetId);
    if (budget.isPresent()) {
      reply.set("litellm_budget_table", EntityJson.of(EntityTables.BUDGETS, budget.get()));
    } else {
      reply.putNull("litellm_budget_table");
    }
    return reply;
  }
}
