package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTable;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's budget API ({@code LiteLLM_BudgetTable} rows that organizations, customers, keys and team members point
 * to by {@code budget_id}): {@code POST /budget/new}, {@code /budget/update}, {@code /budget/info}
 * ({@code {"budgets": [...]}}), {@code /budget/delete} ({@code {"id": ...}}), {@code GET /budget/list}.
 */
public final class BudgetRoutes {
  private static final EntityTable T = EntityTables.BUDGETS;
  /** Tables whose rows may point at a budget; a budget in use cannot be deleted. */
  private static final List<String> USERS_OF_BUDGETS = List.of("tg_organizations", "tg_end_users", "tg_keys",
      "tg_team_members", "tg_organization_members");
  private final ControlPlane plane;

  private BudgetRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane) {
    BudgetRoutes budgets = new BudgetRoutes(plane);
    var u = plane.userCache();
    router.post("/budget/new").handler(auth).handler(Access.admin(u)).handler(body).handler(budgets::create);
    router.post("/budget/update").handler(auth).handler(Access.admin(u)).handler(body).handler(budgets::update);
    router.post("/budget/delete").handler(auth).handler(Access.admin(u)).handler(body).handler(budgets::delete);
    router.post("/budget/info").handler(auth).handler(Access.adminRead(u)).handler(body).handler(budgets::info);
    router.get("/budget/list").handler(auth).handler(Access.adminRead(u)).handler(budgets::list);
  }

  void create(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      ObjectNode row = EntityFields.columns(T, body, Set.of("budget_id"), now);
      String given = EntityFields.optionalString(body, "budget_id");
      String id = given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
      String by = Calls.changedBy(ctx);
      row.put("budget_id", id);
      row.put("created_at", now);
      row.put("updated_at", now);
      row.put("created_by", by);
      row.put("updated_by", by);
      Replies.blocking(ctx, plane.database(), () -> plane.entities().transaction(c -> {
        EntityStore.insert(c, T, row);
        AuditLog.record(c, by, T.table(), id, "created", null, row);
        return EntityJson.of(T, existing(c, id));
      }));
    });
  }

  void update(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      String id = EntityFields.requiredId(body, "budget_id", "the budget to update");
      ObjectNode changes = EntityFields.columns(T, body, Set.of("budget_id"), now);
      String by = Calls.changedBy(ctx);
      changes.put("updated_at", now);
      changes.put("updated_by", by);
      Replies.blocking(ctx, plane.database(), () -> {
        var reply = plane.entities().transaction(c -> {
          ObjectNode before = existing(c, id);
          EntityStore.update(c, T, id, changes);
          AuditLog.record(c, by, T.table(), id, "updated", before, changes);
          return EntityJson.of(T, existing(c, id));
        });
        EntityChanges.budget(plane);
        return reply;
      });
    });
  }

  void info(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("budgets"));
      List<String> ids = EntityFields.requiredIds(body, "budgets");
      Replies.blocking(ctx, plane.database(), () -> plane.database().inline(c -> {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String id : ids) {
          out.add(EntityJson.of(T, existing(c, id)));
        }
        return out;
      }));
    });
  }

  void delete(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("id"));
      String id = EntityFields.requiredId(body, "id", "the budget_id to delete");
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        var reply = plane.entities().transaction(c -> {
          ObjectNode before = existing(c, id);
          for (String table : USERS_OF_BUDGETS) {
            if (inUse(c, table, id)) {
              throw ApiError.badRequest("budget_id '" + id + "' is still used by " + table.substring(3)
                  + "; point them at another budget first", "id");
            }
          }
          EntityStore.delete(c, T, List.of(id));
          AuditLog.record(c, by, T.table(), id, "deleted", before, null);
          return EntityJson.of(T, before);
        });
        EntityChanges.budget(plane);
        return reply;
      });
    });
  }

  void list(RoutingContext ctx) {
    Calls.guard(ctx, () -> Replies.blocking(ctx, plane.database(), () -> {
      ArrayNode out = Json.MAPPER.createArrayNode();
      plane.entities().list(T, EntityStore.Where.ALL, 1, 0).rows().forEach(r -> out.add(EntityJson.of(T, r)));
      return out;
    }));
  }

  static ObjectNode existing(Connection c, String id) throws SQLException {
    return EntityStore.findIn(c, T, id).orElseThrow(() -> Replies.notFound(
        "Budget id = " + id + " not found", "budget_id"));
  }

  private static boolean inUse(Connection c, String table, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table + " WHERE budget_id = ? LIMIT 1")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }
}
