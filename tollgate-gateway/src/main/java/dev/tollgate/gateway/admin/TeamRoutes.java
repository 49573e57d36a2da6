package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.entities.Membership;
import dev.tollgate.gateway.entities.UserTeams;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's team API: {@code POST /team/new}, {@code /team/update}, {@code /team/delete}, {@code /team/block},
 * {@code /team/unblock} here; reads in {@link TeamQueries}, members in {@link TeamMemberRoutes}. A team's
 * {@code guardrails} and {@code disable_global_guardrails} are kept in its {@code metadata}, as LiteLLM keeps them
 * ({@link GuardrailFields}).
 */
public final class TeamRoutes {
  private final ControlPlane plane;

  private TeamRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane) {
    TeamRoutes teams = new TeamRoutes(plane);
    TeamQueries queries = new TeamQueries(plane);
    TeamMemberRoutes members = new TeamMemberRoutes(plane);
    var u = plane.userCache();
    router.post("/team/new").handler(auth).handler(Access.orgAdmin(u)).handler(body).handler(teams::create);
    router.post("/team/update").handler(auth).handler(Access.orgAdmin(u)).handler(body).handler(teams::update);
    router.post("/team/delete").handler(auth).handler(Access.admin(u)).handler(body).handler(teams::delete);
    router.post("/team/block").handler(auth).handler(Access.orgAdmin(u)).handler(body).handler(ctx -> teams.block(ctx,
        true));
    router.post("/team/unblock").handler(auth).handler(Access.orgAdmin(u)).handler(body).handler(ctx -> teams.block(ctx,
        false));
    router.get("/team/info").handler(auth).handler(Access.readOwn(u)).handler(queries::info);
    router.get("/team/list").handler(auth).handler(Access.readOwn(u)).handler(queries::list);
    router.post("/team/member_add").handler(auth).handler(Access.writeOwn(u)).handler(body).handler(members::add);
    router.post("/team/member_delete").handler(auth).handler(Access.writeOwn(u)).handler(body)
        .handler(members::delete);
    router.post("/team/member_update").handler(auth).handler(Access.writeOwn(u)).handler(body)
        .handler(members::update);
  }

  void create(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      ObjectNode row = EntityFields.columns(EntityTables.TEAMS, body, Set.of("team_id", "members_with_roles",
          "admins", "members", "guardrails", "disable_global_guardrails"), now);
      GuardrailFields.checkMetadata(row.get("metadata"));
      if (GuardrailFields.present(body)) {
        row.set("metadata", GuardrailFields.merged(body, row.get("metadata")));
      }
      String given = EntityFields.optionalString(body, "team_id");
      String teamId = given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
      row.put("team_id", teamId);
      row.put("created_at", now);
      row.put("updated_at", now);
      List<TeamMembers.Member> members = new ArrayList<>(TeamMembers.parse("members_with_roles",
          body.get("members_with_roles"), true));
      for (String f : new String[] {"admins", "members"}) {
        if (body.has(f) && !EntityFields.asksForNothing(body.get(f))) {
          throw dev.tollgate.gateway.http.ApiError.badRequest("'" + f + "' is not supported; send "
              + "'members_with_roles': [{\"role\": \"admin\", \"user_id\": \"...\"}]", f);
        }
      }
      Principal p = Principal.of(ctx);
      String orgId = row.path("organization_id").asText(null);
      OrgScope.mayPlaceTeamIn(p, orgId);
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        List<String> userIds = new ArrayList<>();
        ObjectNode reply = plane.entities().transaction(c -> {
          if (EntityStore.findIn(c, EntityTables.TEAMS, teamId).isPresent()) {
            throw dev.tollgate.gateway.http.ApiError.badRequest("Team id = " + teamId
                + " already exists. Please use a different team id.", "team_id");
          }
          OrgScope.withinOrganization(c, p, orgId, row);
          EntityStore.insert(c, EntityTables.TEAMS, row);
          long joined = now; // one millisecond apart, so members list in the order given
          for (TeamMembers.Member m : members) {
            String userId = TeamMembers.ensureUser(c, m, now);
            Membership.TEAM.put(c, teamId, userId, m.role(), joined++);
            UserTeams.sync(c, userId, now);
            userIds.add(userId);
          }
          AuditLog.record(c, by, "tg_teams", teamId, "created", null, row);
          return TeamMembers.teamJson(c, EntityStore.findIn(c, EntityTables.TEAMS, teamId).orElseThrow());
        });
        userIds.forEach(plane.userCache()::invalidate);
        EntityChanges.team(plane, teamId, reply.path("blocked").asBoolean());
        if (orgId != null) {
          EntityChanges.teamOrganization(plane);
        }
        return reply;
      });
    });
  }

  void update(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      String teamId = EntityFields.requiredId(body, "team_id", "the team to update");
      ObjectNode changes = EntityFields.columns(EntityTables.TEAMS, body, Set.of("team_id", "guardrails",
          "disable_global_guardrails"), now);
      GuardrailFields.checkMetadata(changes.get("metadata"));
      boolean guardrails = GuardrailFields.present(body);
      if (guardrails) {
        GuardrailFields.merged(body, null); // a bad value is a 400 before the database is touched
      }
      changes.put("updated_at", now);
      Principal p = Principal.of(ctx);
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        ObjectNode reply = plane.entities().transaction(c -> {
          ObjectNode before = TeamChecks.existing(c, teamId);
          OrgScope.mayManageTeam(p, before);
          if (guardrails) { // kept in metadata: merged into the metadata sent, else into the team's own
            changes.set("metadata", GuardrailFields.merged(body, changes.has("metadata") ? changes.get("metadata")
                : before.get("metadata")));
          }
          if (!p.isAdmin()) {
            ObjectNode after = before.deepCopy();
            after.setAll(changes);
            String orgId = after.path("organization_id").asText(null);
            OrgScope.mayPlaceTeamIn(p, orgId);
            OrgScope.withinOrganization(c, p, orgId, after);
          }
          EntityStore.update(c, EntityTables.TEAMS, teamId, changes);
          AuditLog.record(c, by, "tg_teams", teamId, "updated", before, changes);
          ObjectNode out = Json.object();
          out.put("team_id", teamId);
          out.set("data", TeamMembers.teamJson(c, TeamChecks.existing(c, teamId)));
          return out;
        });
        EntityChanges.team(plane, teamId, reply.path("data").path("blocked").asBoolean());
        if (changes.has("organization_id")) {
          EntityChanges.teamOrganization(plane);
        }
        return reply;
      });
    });
  }

  void delete(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("team_ids"));
      List<String> ids = EntityFields.requiredIds(body, "team_ids");
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        List<String> keyHashes = new ArrayList<>();
        List<String> members = new ArrayList<>();
        plane.entities().transaction(c -> {
          for (String id : ids) {
            ObjectNode before = TeamChecks.existing(c, id);
            KeyStore.ofTeam(c, id).forEach(k -> keyHashes.add(k.token()));
            members.addAll(Membership.TEAM.members(c, id).keySet());
            Membership.TEAM.removeGroup(c, id);
            AuditLog.record(c, by, "tg_teams", id, "deleted", before, null);
          }
          EntityStore.delete(c, EntityTables.TEAMS, ids);
          for (String userId : members) {
            UserTeams.sync(c, userId, System.currentTimeMillis());
          }
          return null;
        });
        plane.keys().delete(keyHashes);
        keyHashes.forEach(plane.keyCache()::invalidate);
        members.forEach(plane.userCache()::invalidate);
        ids.forEach(id -> EntityChanges.team(plane, id, false));
        EntityChanges.teamOrganization(plane);
        ObjectNode reply = Json.object();
        reply.set("deleted_teams", Json.MAPPER.valueToTree(ids));
        reply.put("deleted_keys", keyHashes.size());
        return reply;
      });
    });
  }

  void block(RoutingContext ctx, boolean blocked) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("team_id"));
      String teamId = EntityFields.requiredId(body, "team_id", "the team to " + (blocked ? "block" : "unblock"));
      Principal p = Principal.of(ctx);
      String by = Calls.changedBy(ctx);
      long now = System.currentTimeMillis();
      Replies.blocking(ctx, plane.database(), () -> {
        ObjectNode reply = plane.entities().transaction(c -> {
          ObjectNode before = TeamChecks.existing(c, teamId);
          OrgScope.mayManageTeam(p, before);
          ObjectNode change = Json.object();
          change.put("blocked", blocked);
          change.put("updated_at", now);
          EntityStore.update(c, EntityTables.TEAMS, teamId, change);
          AuditLog.record(c, by, "tg_teams", teamId, "updated", before, change);
          return TeamMembers.teamJson(c, TeamChecks.existing(c, teamId));
        });
        EntityChanges.team(plane, teamId, blocked);
        return reply;
      });
    });
  }
}
