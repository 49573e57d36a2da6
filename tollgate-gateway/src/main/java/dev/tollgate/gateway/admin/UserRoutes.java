package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.gateway.entities.AuditLog;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.entities.Membership;
import dev.tollgate.gateway.entities.UserTeams;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.Durations;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's internal-user API: {@code POST /user/new} (which also makes a key for the user unless
 * {@code auto_create_key} is false), {@code /user/update}, {@code /user/delete}; reads in {@link UserQueries}.
 */
public final class UserRoutes {
  /** Body fields of /user/new handled here rather than as user columns. */
  private static final Set<String> NEW_ONLY = Set.of("user_id", "user_role", "teams", "team_id", "auto_create_key",
      "key_alias", "duration", "send_invite_email", "password", "organizations");
  private final ControlPlane plane;

  private UserRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane) {
    UserRoutes users = new UserRoutes(plane);
    UserQueries queries = new UserQueries(plane);
    var u = plane.userCache();
    router.post("/user/new").handler(auth).handler(Access.admin(u)).handler(body).handler(users::create);
    router.post("/user/update").handler(auth).handler(Access.admin(u)).handler(body).handler(users::update);
    router.post("/user/delete").handler(auth).handler(Access.admin(u)).handler(body).handler(users::delete);
    router.get("/user/info").handler(auth).handler(Access.readOwn(u)).handler(queries::info);
    router.get("/user/list").handler(auth).handler(Access.adminRead(u)).handler(queries::list);
  }

  void create(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      ObjectNode row = EntityFields.columns(EntityTables.USERS, body, NEW_ONLY, now);
      String given = EntityFields.optionalString(body, "user_id");
      String userId = given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
      row.put("user_id", userId);
      row.put("user_role", role(body, Role.INTERNAL_USER).wire());
      row.put("created_at", now);
      row.put("updated_at", now);
      notSupported(body, "password", "organizations");
      List<String> teams = teamIds(body);
      boolean makeKey = !body.has("auto_create_key") || body.get("auto_create_key").isNull()
          || flag(body, "auto_create_key");
      String keyAlias = EntityFields.optionalString(body, "key_alias");
      String duration = EntityFields.optionalString(body, "duration");
      if (duration != null && !Durations.isValid(duration)) {
        throw ApiError.badRequest("'duration': " + Durations.describe(duration), "duration");
      }
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        plane.entities().transaction(c -> {
          uniqueEmail(c, row.path("user_email").asText(null), null);
          EntityStore.insert(c, EntityTables.USERS, row);
          for (String team : teams) {
            TeamChecks.existing(c, team);
            Membership.TEAM.put(c, team, userId, "user", now);
          }
          UserTeams.sync(c, userId, now);
          AuditLog.record(c, by, "tg_users", userId, "created", null, row);
          return null;
        });
        EntityChanges.user(plane, userId);
        ObjectNode reply = EntityJson.of(EntityTables.USERS, plane.entities().find(EntityTables.USERS, userId)
            .orElseThrow());
        if (!makeKey) {
          reply.put("key", "");
          return reply;
        }
        String plaintext = Keys.generate();
        VirtualKey.Builder b = new VirtualKey.Builder();
        b.token = Keys.hash(plaintext);
        b.keyName = Keys.displayName(plaintext);
        b.keyAlias = keyAlias;
        b.userId = userId;
        b.teamId = teams.isEmpty() ? null : teams.get(0);
        b.models = strings(row.get("models"));
        b.allowedCacheControls = strings(row.get("allowed_cache_controls")); // as LiteLLM's /user/new key has
        b.expires = duration == null ? null : Durations.after(now, duration);
        b.createdAt = now;
        b.updatedAt = now;
        b.createdBy = by;
        b.updatedBy = by;
        VirtualKey key = b.build();
        plane.keys().insert(key);
        reply.put("key", plaintext);
        reply.put("key_name", key.keyName());
        reply.put("key_alias", keyAlias);
        reply.put("duration", duration);
        reply.put("expires", key.expires() == null ? null : java.time.Instant.ofEpochMilli(key.expires()).toString());
        return reply;
      });
    });
  }

  void update(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      long now = System.currentTimeMillis();
      String userId = EntityFields.optionalString(body, "user_id");
      String email = EntityFields.optionalString(body, "user_email");
      if ((userId == null || userId.isBlank()) && (email == null || email.isBlank())) {
        throw ApiError.badRequest("'user_id' or 'user_email' is required: the user to update", "user_id");
      }
      ObjectNode changes = EntityFields.columns(EntityTables.USERS, body, Set.of("user_id", "user_role",
          "password"), now);
      if (userId == null) {
        changes.remove("user_email");
      }
      if (body.has("user_role") && !body.get("user_role").isNull()) {
        changes.put("user_role", role(body, null).wire());
      }
      notSupported(body, "password");
      changes.put("updated_at", now);
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        ObjectNode updated = plane.entities().transaction(c -> {
          ObjectNode before = userId != null ? found(c, userId) : byEmail(c, email);
          String id = before.path("user_id").asText();
          if (changes.has("user_email")) {
            uniqueEmail(c, changes.path("user_email").asText(null), id);
          }
          EntityStore.update(c, EntityTables.USERS, id, changes);
          AuditLog.record(c, by, "tg_users", id, "updated", before, changes);
          return EntityStore.findIn(c, EntityTables.USERS, id).orElseThrow();
        });
        String id = updated.path("user_id").asText();
        EntityChanges.user(plane, id);
        ObjectNode reply = Json.object();
        reply.put("user_id", id);
        reply.set("data", EntityJson.of(EntityTables.USERS, updated));
        return reply;
      });
    });
  }

  void delete(RoutingContext ctx) {
    Calls.guard(ctx, () -> {
      ObjectNode body = Calls.body(ctx);
      EntityFields.only(body, Set.of("user_ids"));
      List<String> ids = EntityFields.requiredIds(body, "user_ids");
      String by = Calls.changedBy(ctx);
      Replies.blocking(ctx, plane.database(), () -> {
        List<String> keyHashes = new ArrayList<>();
        plane.entities().transaction(c -> {
          for (String id : ids) {
            ObjectNode before = found(c, id);
            KeyStore.ofUser(c, id).forEach(k -> keyHashes.add(k.token()));
            Membership.TEAM.removeUser(c, id);
            Membership.ORGANIZATION.removeUser(c, id);
            AuditLog.record(c, by, "tg_users", id, "deleted", before, null);
          }
          EntityStore.delete(c, EntityTables.USERS, ids);
          return null;
        });
        plane.keys().delete(keyHashes);
        keyHashes.forEach(plane.keyCache()::invalidate);
        ids.forEach(plane.userCache()::invalidate);
        ObjectNode reply = Json.object();
        reply.set("deleted_users", Json.MAPPER.valueToTree(ids));
        reply.put("deleted_keys", keyHashes.size());
        return reply;
      });
    });
  }

  /** The user with this id, else LiteLLM's 404. Blocking. */
  static ObjectNode found(Connection c, String userId) throws SQLException {
    return EntityStore.findIn(c, EntityTables.USERS, userId).orElseThrow(() -> Replies.notFound(
        "User " + userId + " not found", "user_id"));
  }

  private static ObjectNode byEmail(Connection c, String email) throws SQLException {
    Optional<String> id = UserLookup.idByEmail(c, email, null);
    if (id.isEmpty()) {
      throw Replies.notFound("User with email " + email + " not found", "user_email");
    }
    return found(c, id.get());
  }

  private static void uniqueEmail(Connection c, String email, String ownId) throws SQLException {
    if (email != null && UserLookup.idByEmail(c, email, ownId).isPresent()) {
      throw ApiError.badRequest("User with email " + email + " already exists", "user_email");
    }
  }

  static Role role(ObjectNode body, Role fallback) {
    JsonNode v = body.get("user_role");
    if (v == null || v.isNull()) {
      return fallback;
    }
    Role r = v.isTextual() ? Role.parse(v.asText()) : null;
    if (r == null) {
      throw ApiError.badRequest("Invalid user_role " + v + ". Must be one of " + Role.names(), "user_role");
    }
    return r;
  }

  private static List<String> teamIds(ObjectNode body) {
    List<String> out = new ArrayList<>();
    JsonNode teams = body.get("teams");
    if (teams != null && !teams.isNull()) {
      out.addAll(EntityFields.requiredIds(body, "teams"));
    }
    String teamId = EntityFields.optionalString(body, "team_id");
    if (teamId != null && !out.contains(teamId)) {
      out.add(0, teamId);
    }
    return out;
  }

  private static boolean flag(ObjectNode body, String name) {
    JsonNode v = body.get(name);
    if (!v.isBoolean()) {
      throw ApiError.badRequest("'" + name + "' must be true or false", name);
    }
    return v.asBoolean();
  }

  private static void notSupported(ObjectNode body, String... fields) {
    for (String f : fields) {
      if (body.has(f) && !EntityFields.asksForNothing(body.get(f))) {
        throw ApiError.badRequest("'" + f + "' is not supported by Tollgate yet; remove it or send null", f);
      }
    }
  }

  private static List<String> strings(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v != null) {
      v.forEach(x -> out.add(x.asText()));
    }
    return out;
  }
}
