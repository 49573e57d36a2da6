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
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * LiteLLM's customer (end user) API under {@code /customer/*} and its hidden {@code /end_user/*} aliases: new, info
 * ({@code ?end_user_id=}), update, delete and block/unblock ({@code {"user_ids": [...]}}), list. Budget fields on a
 * body go to the customer's budget row ({@link BudgetLinks}).
 */
public final class CustomerRoutes {
  private static final EntityTable T = EntityTables.END_USERS;
  private static final Set<String> REGIONS = Set.of("eu", "us");
  private final ControlPlane plane;

  private CustomerRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane) {
    CustomerRoutes customers = new CustomerRoutes(plane);
    var u = plane.userCache();
    for (String prefix : new String[] {"/customer", "/end_user"}) {
      router.post(prefix + "/new").handler(auth).handler(Access.admin(u)).handler(body).handler(customers::create);
      router.post(prefix + "/update").handler(auth).handler(Access.admin(u)).handler(body)
          .handler(customers::update);
      router.post(prefix + "/delete").handler(auth).handler(Access.admin(u)).handler(body)
          .handler(customers::delete);
      router.post(prefix + "/block").handler(auth).handler(Access.admin(u)).handler(body)
          .handler(ctx -> customers.block(ctx, true));
      router.post(prefix + "/unblock").handler(auth).handler(Access.admin(u)).handler(body)
          .handler(ctx -> customers.block(ctx, false));
      router.get(prefix + "/info").handler(auth).handler(Access.adminRead(u)).handler(customers::info);
      router.get(prefix + "/list").handler(auth).handler(Access.adminRead(u)).handler(customers::list);
    }
  }

  void create(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      String id = EntityFields.requiredId(body, "user_id", "the customer's id (the 'user' your requests send)");
      Set<String> handled = new HashSet<>(EntityTables.BUDGET_FIELDS);
      handled.add("user_id");
      ObjectNode row = EntityFields.columns(T, body, handled, now);
      ObjectNode budget = BudgetLinks.fields(body, now);
      checkRegion(row);
      if (!budget.isEmpty() && row.hasNonNull("budget_id")) {
        throw ApiError.badRequest("send either 'budget_id' or budget fields such as 'max_budget', not both",
            "budget_id");
      }
      row.put("user_id", id);
      row.put("created_at", now);
      row.put("updated_at", now);
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> synced(plane.entities().transaction(c -> {
        if (EntityStore.findIn(c, T, id).isPresent()) {
          throw ApiError.badRequest("Customer already exists, passed user_id=" + id + ". Please pass a new user_id.",
              "user_id");
        }
        row.put("budget_id", BudgetLinks.write(c, row.path("budget_id").asText(null), budget, by, now));
        EntityStore.insert(c, T, row);
        AuditLog.record(c, by, T.table(), id, "created", null, row);
        return json(c, existing(c, id));
      })));
    });
  }

  void update(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      String id = EntityFields.requiredId(body, "user_id", "the customer to update");
      Set<String> handled = new HashSet<>(EntityTables.BUDGET_FIELDS);
      handled.add("user_id");
      ObjectNode changes = EntityFields.columns(T, body, handled, now);
      ObjectNode budget = BudgetLinks.fields(body, now);
      checkRegion(changes);
      changes.put("updated_at", now);
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> synced(plane.entities().transaction(c -> {
        BudgetLinks.updateLinked(c, T, id, existing(c, id), changes, budget, by, now);
        return json(c, existing(c, id));
      })));
    });
  }

  void delete(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("user_ids"));
      List<String> ids = EntityFields.requiredIds(body, "user_ids");
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> plane.entities().transaction(c -> {
        for (String id : ids) {
          AuditLog.record(c, by, T.table(), id, "deleted", existing(c, id), null);
        }
        EntityStore.delete(c, T, ids);
        ids.forEach(id -> EntityChanges.endUser(plane, id));
        ObjectNode reply = Json.object();
        reply.put("deleted_customers", ids.size());
        reply.put("message", "Successfully deleted customers with ids: " + ids);
        return reply;
      }));
    });
  }

  /** LiteLLM upserts: blocking an unknown id creates the customer, blocked. */
  void block(RoutingContext ctx, boolean blocked) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("user_ids"));
      List<String> ids = EntityFields.requiredIds(body, "user_ids");
      String by = Calls.changedBy(ctx);
      long now = System.currentTimeMillis();
      Replies.blocking(ctx, plane.database(), () -> {
        ObjectNode reply = plane.entities().transaction(c -> {
          ArrayNode records = Json.MAPPER.createArrayNode();
          for (String id : ids) {
            ObjectNode change = Json.object();
            change.put("blocked", blocked);
            change.put("updated_at", now);
            if (!EntityStore.update(c, T, id, change)) {
              change.put("user_id", id);
              change.put("created_at", now);
              EntityStore.insert(c, T, change);
            }
            AuditLog.record(c, by, T.table(), id, "updated", null, change);
            records.add(EntityJson.of(T, existing(c, id)));
          }
          ObjectNode out = Json.object();
          out.set("blocked_users", records);
          return out;
        });
        ids.forEach(id -> EntityChanges.endUser(plane, id));
        return reply;
      });
    });
  }

  void info(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      String id = Calls.requiredParam(ctx, "end_user_id", "the customer to show");
      Replies.blocking(ctx, plane.database(), () -> plane.database().inline(c -> json(c, existing(c, id))));
    });
  }

  void list(RoutingContext ctx) {
    Calls.guard(ctx, () -> Replies.blocking(ctx, plane.database(), () -> {
      List<ObjectNode> rows = plane.entities().list(T, EntityStore.Where.ALL, 1, 0).rows();
      return plane.database().inline(c -> {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ObjectNode r : rows) {
          out.add(json(c, r));
        }
        return out;
      });
    }));
  }

  /** Tells the request path that the customer in {@code reply} changed (after the change is committed). */
  private ObjectNode synced(ObjectNode reply) {
    EntityChanges.endUser(plane, reply.path("user_id").asText());
    return reply;
  }

  private static ObjectNode existing(Connection c, String id) throws SQLException {
    return EntityStore.findIn(c, T, id).orElseThrow(() -> Replies.notFound(
        "End User Id=" + id + " does not exist in db", "end_user_id"));
  }

  private static ObjectNode json(Connection c, ObjectNode row) throws SQLException {
    return BudgetLinks.attach(c, EntityJson.of(T, row), row.path("budget_id").asText(null));
  }

  private static void checkRegion(ObjectNode row) {
    if (row.hasNonNull("allowed_model_region") && !REGIONS.contains(row.get("allowed_model_region").asText())) {
      throw ApiError.badRequest("'allowed_model_region' must be 'eu' or 'us'", "allowed_model_region");
    }
  }
}
