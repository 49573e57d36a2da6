package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.entities.Membership;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /organization/member_add}, {@code PATCH /organization/member_update},
 * {@code DELETE /organization/member_delete} (the last two also answer POST). Organization roles are
 * {@code org_admin}, {@code internal_user}, {@code internal_user_viewer}; proxy admins only.
 */
final class OrganizationMemberRoutes {
  static final Set<String> ORG_ROLES = Set.of("org_admin", "internal_user", "internal_user_viewer");
  private final ControlPlane plane;

  OrganizationMemberRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  void add(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("organization_id", "member", "max_budget_in_organization"));
      String id = EntityFields.requiredId(body, "organization_id", "the organization to add members to");
      notYet(body, "max_budget_in_organization");
      List<OrgMember> members = OrgMember.parse(body.get("member"), ORG_ROLES);
      String by = Calls.changedBy(ctx);
      long now = System.currentTimeMillis();
      Replies.blocking(ctx, plane.database(), () -> EntityChanges.organizationMembers(plane,
          plane.entities().transaction(c -> {
        OrganizationRoutes.existing(c, id);
        ArrayNode users = Json.MAPPER.createArrayNode();
        ArrayNode memberships = Json.MAPPER.createArrayNode();
        for (OrgMember m : members) {
          String userId = TeamMembers.ensureUser(c, new TeamMembers.Member(m.userId(), m.userEmail(), null), now);
          Membership.ORGANIZATION.put(c, id, userId, m.role(), now);
          users.add(EntityJson.of(EntityTables.USERS, UserRoutes.found(c, userId)));
          memberships.add(membership(id, userId, m.role()));
        }
        AuditLog.record(c, by, "tg_organization_members", id, "updated", null, body);
        ObjectNode reply = Json.object();
        reply.put("organization_id", id);
        reply.set("updated_users", users);
        reply.set("updated_organization_memberships", memberships);
        return reply;
      })));
    });
  }

  void update(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("organization_id", "user_id", "user_email", "role",
          "max_budget_in_organization"));
      String id = EntityFields.requiredId(body, "organization_id", "the organization whose member to update");
      notYet(body, "max_budget_in_organization");
      String role = EntityFields.optionalString(body, "role");
      if (role == null || !ORG_ROLES.contains(role)) {
        throw ApiError.badRequest("'role' is required: one of " + new java.util.TreeSet<>(ORG_ROLES), "role");
      }
      TeamMembers.Member who = member(body);
      String by = Calls.changedBy(ctx);
      long now = System.currentTimeMillis();
      Replies.blocking(ctx, plane.database(), () -> EntityChanges.organizationMembers(plane,
          plane.entities().transaction(c -> {
        OrganizationRoutes.existing(c, id);
        String userId = TeamMembers.existingUser(c, who);
        if (!Membership.ORGANIZATION.members(c, id).containsKey(userId)) {
          throw Replies.notFound("User " + userId + " is not a member of organization_id=" + id, "user_id");
        }
        Membership.ORGANIZATION.put(c, id, userId, role, now);
        AuditLog.record(c, by, "tg_organization_members", id, "updated", null, body);
        return membership(id, userId, role);
      })));
    });
  }

  void delete(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("organization_id", "user_id", "user_email"));
      String id = EntityFields.requiredId(body, "organization_id", "the organization to remove a member from");
      TeamMembers.Member who = member(body);
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> EntityChanges.organizationMembers(plane,
          plane.entities().transaction(c -> {
        OrganizationRoutes.existing(c, id);
        String userId = TeamMembers.existingUser(c, who);
        if (!Membership.ORGANIZATION.remove(c, id, userId)) {
          throw Replies.notFound("User " + userId + " is not a member of organization_id=" + id, "user_id");
        }
        AuditLog.record(c, by, "tg_organization_members", id, "deleted", body, null);
        ObjectNode reply = Json.object();
        reply.put("organization_id", id);
        reply.put("user_id", userId);
        return reply;
      })));
    });
  }

  private static TeamMembers.Member member(ObjectNode body) {
    String userId = EntityFields.optionalString(body, "user_id");
    String email = EntityFields.optionalString(body, "user_email");
    if ((userId == null || userId.isBlank()) && (email == null || email.isBlank())) {
      throw ApiError.badRequest("'user_id' or 'user_email' is required: the member", "user_id");
    }
    return new TeamMembers.Member(userId, email, null);
  }

  private static ObjectNode membership(String orgId, String userId, String role) {
    ObjectNode m = Json.object();
    m.put("organization_id", orgId);
    m.put("user_id", userId);
    m.put("user_role", role);
    m.put("spend", 0.0);
    return m;
  }

  private static void notYet(ObjectNode body, String field) {
    if (body.has(field) && !body.get(field).isNull()) {
      throw ApiError.badRequest("'" + field + "' is not supported by Tollgate yet; remove it or send null", field);
    }
  }
}
