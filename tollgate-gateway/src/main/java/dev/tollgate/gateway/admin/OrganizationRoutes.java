package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTable;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.entities.Membership;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's organization API: {@code POST /organization/new}, {@code GET /organization/info?organization_id=} (and
 * the legacy {@code POST} with {@code {"organizations": [...]}}), {@code PATCH /organization/update},
 * {@code DELETE /organization/delete}, {@code GET /organization/list}; members in {@link OrganizationMemberRoutes}.
 * Update and delete also answer POST. Limits live in the organization's budget row ({@link BudgetLinks}).
 */
public final class OrganizationRoutes {
  private static final EntityTable T = EntityTables.ORGANIZATIONS;
  private final ControlPlane plane;

  private OrganizationRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane) {
    OrganizationRoutes orgs = new OrganizationRoutes(plane);
    var u = plane.userCache();
    router.post("/organization/new").handler(auth).handler(Access.admin(u)).handler(body).handler(orgs::create);
    router.patch("/organization/update").handler(auth).handler(Access.admin(u)).handler(body).handler(orgs::update);
    router.post("/organization/update").handler(auth).handler(Access.admin(u)).handler(body).handler(orgs::update);
    router.delete("/organization/delete").handler(auth).handler(Access.admin(u)).handler(body)
        .handler(orgs::delete);
    router.post("/organization/delete").handler(auth).handler(Access.admin(u)).handler(body).handler(orgs::delete);
    router.get("/organization/info").handler(auth).handler(Access.readOwn(u)).handler(orgs::info);
    router.post("/organization/info").handler(auth).handler(Access.readOwn(u)).handler(body)
        .handler(orgs::infoMany);
    router.get("/organization/list").handler(auth).handler(Access.adminRead(u)).handler(orgs::list);
    OrganizationMemberRoutes members = new OrganizationMemberRoutes(plane);
    router.post("/organization/member_add").handler(auth).handler(Access.admin(u)).handler(body)
        .handler(members::add);
    for (var method : new io.vertx.core.http.HttpMethod[] {io.vertx.core.http.HttpMethod.PATCH,
        io.vertx.core.http.HttpMethod.POST}) {
      router.route(method, "/organization/member_update").handler(auth).handler(Access.admin(u)).handler(body)
          .handler(members::update);
    }
    for (var method : new io.vertx.core.http.HttpMethod[] {io.vertx.core.http.HttpMethod.DELETE,
        io.vertx.core.http.HttpMethod.POST}) {
      router.route(method, "/organization/member_delete").handler(auth).handler(Access.admin(u)).handler(body)
          .handler(members::delete);
    }
  }

  void create(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      Set<String> handled = new HashSet<>(EntityTables.BUDGET_FIELDS);
      handled.add("organization_id");
      ObjectNode row = EntityFields.columns(T, body, handled, now);
      EntityFields.requiredId(body, "organization_alias", "a name for the organization");
      ObjectNode budget = BudgetLinks.fields(body, now);
      if (!budget.isEmpty() && row.hasNonNull("budget_id")) {
        throw ApiError.badRequest("send either 'budget_id' or budget fields such as 'max_budget', not both",
            "budget_id");
      }
      String given = EntityFields.optionalString(body, "organization_id");
      String id = given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
      row.put("organization_id", id);
      row.put("created_at", now);
      row.put("updated_at", now);
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> plane.entities().transaction(c -> {
        if (EntityStore.findIn(c, T, id).isPresent()) {
          throw ApiError.badRequest("Organization id = " + id + " already exists. Please use a different "
              + "organization id.", "organization_id");
        }
        // LiteLLM makes every organization a budget row, empty when no limits are given
        row.put("budget_id", BudgetLinks.write(c, row.path("budget_id").asText(null),
            budget.isEmpty() && !row.hasNonNull("budget_id") ? emptyBudget() : budget, by, now));
        EntityStore.insert(c, T, row);
        AuditLog.record(c, by, T.table(), id, "created", null, row);
        return json(c, existing(c, id));
      }));
    });
  }

  void update(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      String id = EntityFields.requiredId(body, "organization_id", "the organization to update");
      Set<String> handled = new HashSet<>(EntityTables.BUDGET_FIELDS);
      handled.add("organization_id");
      ObjectNode changes = EntityFields.columns(T, body, handled, now);
      ObjectNode budget = BudgetLinks.fields(body, now);
      changes.put("updated_at", now);
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        var reply = plane.entities().transaction(c -> {
          BudgetLinks.updateLinked(c, T, id, existing(c, id), changes, budget, by, now);
          return json(c, existing(c, id));
        });
        EntityChanges.organization(plane, id);
        return reply;
      });
    });
  }

  void delete(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("organization_ids"));
      List<String> ids = EntityFields.requiredIds(body, "organization_ids");
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        var reply = plane.entities().transaction(c -> {
          ArrayNode deleted = Json.MAPPER.createArrayNode();
          for (String id : ids) {
            ObjectNode before = existing(c, id);
            deleted.add(json(c, before));
            Membership.ORGANIZATION.removeGroup(c, id);
            AuditLog.record(c, by, T.table(), id, "deleted", before, null);
          }
          EntityStore.delete(c, T, ids);
          return deleted;
        });
        ids.forEach(id -> EntityChanges.organization(plane, id));
        return reply;
      });
    });
  }

  void info(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      String id = Calls.requiredParam(ctx, "organization_id", "the organization to show");
      mayRead(ctx, id);
      Replies.blocking(ctx, plane.database(), () -> plane.database().inline(c -> full(c, existing(c, id))));
    });
  }

  void infoMany(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("organizations"));
      List<String> ids = EntityFields.requiredIds(body, "organizations");
      ids.forEach(id -> mayRead(ctx, id));
      Replies.blocking(ctx, plane.database(), () -> plane.database().inline(c -> {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String id : ids) {
          out.add(full(c, existing(c, id)));
        }
        return out;
      }));
    });
  }

  void list(RoutingContext ctx) {
    Calls.guard(ctx, () -> Replies.blocking(ctx, plane.database(), () -> {
      List<ObjectNode> rows = plane.entities().list(T, EntityStore.Where.ALL, 1, 0).rows();
      return plane.database().inline(c -> {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ObjectNode r : rows) {
          out.add(full(c, r));
        }
        return out;
      });
    }));
  }

  /** Proxy admins and viewers read every organization; an org admin its own (LiteLLM: org admins see their orgs). */
  private static void mayRead(RoutingContext ctx, String organizationId) {
    dev.tollgate.gateway.auth.Principal p = dev.tollgate.gateway.auth.Principal.of(ctx);
    if (!p.role().readsAll() && !p.isOrgAdmin(organizationId)) {
      throw Access.forbidden("You are not an org_admin of organization_id=" + organizationId
          + "; only proxy admins and its org admins can see it. Your role=" + p.role().wire());
    }
  }

  private static ObjectNode emptyBudget() {
    ObjectNode b = Json.object();
    b.putNull("max_budget");
    return b;
  }

  static ObjectNode existing(Connection c, String id) throws SQLException {
    return EntityStore.findIn(c, T, id).orElseThrow(() -> Replies.notFound(
        "Organization not found for organization_id=" + id, "organization_id"));
  }

  private static ObjectNode json(Connection c, ObjectNode row) throws SQLException {
    return BudgetLinks.attach(c, EntityJson.of(T, row), row.path("budget_id").asText(null));
  }

  /** The organization with its budget, members and teams. */
  private static ObjectNode full(Connection c, ObjectNode row) throws SQLException {
    ObjectNode o = json(c, row);
    String id = row.path("organization_id").asText();
    ArrayNode members = o.putArray("members");
    for (Map.Entry<String, String> e : Membership.ORGANIZATION.members(c, id).entrySet()) {
      ObjectNode m = members.addObject();
      m.put("organization_id", id);
      m.put("user_id", e.getKey());
      m.put("user_role", e.getValue());
    }
    ArrayNode teams = o.putArray("teams");
    try (var s = c.prepareStatement("SELECT team_id FROM tg_teams WHERE organization_id = ? ORDER BY created_at")) {
      s.setString(1, id);
      try (var r = s.executeQuery()) {
        while (r.next()) {
          EntityStore.findIn(c, EntityTables.TEAMS, r.getString(1))
              .ifPresent(t -> teams.add(EntityJson.of(EntityTables.TEAMS, t)));
        }
      }
    }
    return o;
  }
}
