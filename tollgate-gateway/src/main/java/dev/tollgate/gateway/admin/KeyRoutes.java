package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.keys.VirtualKey;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * LiteLLM's key management API: {@code POST /key/generate}, {@code /key/update},
 * {@code /key/regenerate} (and {@code /key/{key}/regenerate}) here; the rest in {@link KeyQueries}. Bodies are checked
 * on the event loop; database work runs on the database executor ({@link Replies#blocking}). Proxy admins manage
 * every key; other roles only their own ({@link KeyPolicy}) and within their own rights ({@link KeyGrants}).
 */
public final class KeyRoutes {
  /** Who created or changed a key when the master key did it (LiteLLM logs the master key under this alias). */
  static final String MASTER_ALIAS = "litellm_proxy_master_key";
  private final ControlPlane plane;
  private final java.util.function.Supplier<dev.tollgate.gateway.models.AccessGroups> accessGroups;

  private KeyRoutes(ControlPlane plane, java.util.function.Supplier<dev.tollgate.gateway.models.AccessGroups> groups) {
    this.plane = plane;
    this.accessGroups = groups;
  }

  /** {@link KeyGrants#mayGiveKeyTo} with the key's user read from the user cache. Blocking. */
  private void mayGiveKeyTo(Principal p, VirtualKey key) {
    if (p.isAdmin() || key.userId() == null || key.userId().equals(p.userId())) {
      return;
    }
    KeyGrants.mayGiveKeyTo(p, key.userId(), plane.userCache().get(key.userId()).join().orElse(null), key.teamId());
  }

  /** Adds the /key/* routes behind {@code auth} (which must put a {@code Caller} on the context). */
  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane) {
    register(router, auth, body, plane, dev.tollgate.gateway.models.AccessGroups::none);
  }

  /**
   * As above; {@code accessGroups} gives the serving snapshot's model access groups, through which a team's or user's
   * {@code models} may allow a model a new key asks for.
   */
  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane,
      java.util.function.Supplier<dev.tollgate.gateway.models.AccessGroups> accessGroups) {
    KeyRoutes keys = new KeyRoutes(plane, accessGroups);
    KeyQueries queries = new KeyQueries(plane);
    var u = plane.userCache();
    router.post("/key/generate").handler(auth).handler(Access.writeOwn(u)).handler(body).handler(keys::generate);
    router.post("/key/update").handler(auth).handler(Access.writeOwn(u)).handler(body).handler(keys::update);
    router.post("/key/regenerate").handler(auth).handler(Access.writeOwn(u)).handler(body)
        .handler(keys::regenerate);
    router.post("/key/:key/regenerate").handler(auth).handler(Access.writeOwn(u)).handler(body)
        .handler(keys::regenerate);
    router.post("/key/delete").handler(auth).handler(Access.writeOwn(u)).handler(body).handler(queries::delete);
    router.post("/key/block").handler(auth).handler(Access.admin(u)).handler(body).handler(queries::block);
    router.post("/key/unblock").handler(auth).handler(Access.admin(u)).handler(body).handler(queries::unblock);
    router.get("/key/info").handler(auth).handler(Access.readOwn(u)).handler(queries::info);
    router.get("/key/list").handler(auth).handler(Access.readOwn(u)).handler(queries::list);
  }

  void generate(RoutingContext ctx) {
    try {
      ObjectNode body = body(ctx);
      KeyFields.check(body, Set.of("key"));
      Principal p = Principal.of(ctx);
      KeyGrants.checkFields(p, body);
      String custom = KeyFields.string("key", body.get("key"));
      checkCustomKey("key", custom);
      String plaintext = custom != null ? custom : Keys.generate();
      long now = System.currentTimeMillis();
      VirtualKey.Builder b = new VirtualKey.Builder();
      b.token = Keys.hash(plaintext);
      b.keyName = Keys.displayName(plaintext);
      b.createdAt = now;
      b.updatedAt = now;
      b.createdBy = changedBy(p);
      b.updatedBy = changedBy(p);
      KeyFields.apply(body, b, now);
      VirtualKey wanted = b.build();
      String duration = KeyFields.string("duration", body.get("duration"));
      Replies.blocking(ctx, plane.database(), () -> {
        VirtualKey key = KeyGrants.restrict(p, null, wanted, team(p, wanted.teamId()), accessGroups.get());
        mayGiveKeyTo(p, key);
        plane.keys().insert(key);
        plane.keyCache().invalidate(key.token());
        KeyAudit.record(plane, Calls.changedBy(ctx), "created", null, key);
        return KeyJson.generated(key, plaintext, duration);
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void update(RoutingContext ctx) {
    try {
      ObjectNode body = body(ctx);
      KeyFields.check(body, Set.of("key"));
      String keyOrHash = KeyFields.string("key", body.get("key"));
      String alias = KeyFields.string("key_alias", body.get("key_alias"));
      if (keyOrHash == null && alias == null) {
        throw ApiError.badRequest("'key' is required: the key (or its hash) to update, or 'key_alias'", "key");
      }
      ObjectNode changes = body.deepCopy();
      if (keyOrHash == null) {
        changes.remove("key_alias");
      }
      Principal p = Principal.of(ctx);
      KeyGrants.checkFields(p, body);
      long now = System.currentTimeMillis();
      Replies.blocking(ctx, plane.database(), () -> {
        VirtualKey existing = keyOrHash != null ? KeyQueries.find(plane, keyOrHash) : KeyQueries.findAlias(plane, alias);
        KeyPolicy.mustWrite(ctx, existing);
        VirtualKey.Builder b = existing.toBuilder();
        KeyFields.apply(changes, b, now);
        b.updatedAt = now;
        b.updatedBy = changedBy(p);
        VirtualKey wanted = b.build();
        VirtualKey updated = KeyGrants.restrict(p, existing, wanted, team(p, wanted.teamId()), accessGroups.get());
        mayGiveKeyTo(p, updated);
        plane.keys().update(existing.token(), existing, updated);
        plane.keyCache().invalidate(existing.token());
        KeyAudit.record(plane, Calls.changedBy(ctx), "updated", existing, updated);
        ObjectNode reply = KeyJson.withToken(updated);
        reply.put("key", updated.token());
        return reply;
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void regenerate(RoutingContext ctx) {
    try {
      ObjectNode body = body(ctx);
      KeyFields.check(body, Set.of("key", "new_key", "grace_period", "new_master_key"));
      String keyOrHash = ctx.pathParam("key") != null ? ctx.pathParam("key")
          : KeyFields.string("key", body.get("key"));
      if (keyOrHash == null) {
        throw ApiError.badRequest("'key' is required: the key (or its hash) to regenerate", "key");
      }
      String grace = KeyFields.string("grace_period", body.get("grace_period"));
      if (grace != null && !grace.isBlank()) {
        throw ApiError.badRequest("'grace_period' is not supported by Tollgate yet: the old key stops working at "
            + "once", "grace_period");
      }
      if (body.hasNonNull("new_master_key")) {
        throw ApiError.badRequest("'new_master_key' is not supported: set general_settings.master_key instead",
            "new_master_key");
      }
      String custom = KeyFields.string("new_key", body.get("new_key"));
      checkCustomKey("new_key", custom);
      String plaintext = custom != null ? custom : Keys.generate();
      ObjectNode changes = body.deepCopy();
      changes.remove("key");
      Principal p = Principal.of(ctx);
      KeyGrants.checkFields(p, body);
      long now = System.currentTimeMillis();
      Replies.blocking(ctx, plane.database(), () -> {
        VirtualKey existing = KeyQueries.find(plane, keyOrHash);
        KeyPolicy.mustWrite(ctx, existing);
        VirtualKey.Builder b = existing.toBuilder();
        KeyFields.apply(changes, b, now);
        b.token = Keys.hash(plaintext);
        b.keyName = Keys.displayName(plaintext);
        b.rotationCount = existing.rotationCount() + 1;
        b.updatedAt = now;
        b.updatedBy = changedBy(p);
        VirtualKey rotated = KeyGrants.restrict(p, existing, b.build(), team(p, b.teamId), accessGroups.get());
        mayGiveKeyTo(p, rotated);
        plane.keys().update(existing.token(), existing, rotated);
        plane.keyCache().invalidate(existing.token());
        plane.keyCache().invalidate(rotated.token());
        KeyAudit.record(plane, Calls.changedBy(ctx), "updated", existing, rotated);
        return KeyJson.generated(rotated, plaintext, null);
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /** The key's team row, which limits what a non-admin may grant (not loaded for proxy admins). Blocking. */
  private com.fasterxml.jackson.databind.node.ObjectNode team(Principal p, String teamId) {
    if (p.isAdmin() || teamId == null) {
      return null;
    }
    return plane.entities().find(dev.tollgate.gateway.entities.EntityTables.TEAMS, teamId).orElseThrow(
        () -> Replies.notFound("Team not found, passed team_id=" + teamId, "team_id"));
  }

  /** Who created or changed a key: the caller's user, or LiteLLM's alias for the master key. */
  static String changedBy(Principal p) {
    return p.userId() != null ? p.userId() : MASTER_ALIAS;
  }

  /** The JSON object body; an empty body counts as {@code {}}. */
  static ObjectNode body(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() <= 0) {
      return dev.tollgate.providers.types.Json.object();
    }
    return RequestBodies.object(ctx);
  }

  private static void checkCustomKey(String field, String key) {
    if (key == null) {
      return;
    }
    if (!key.startsWith("sk-")) {
      throw ApiError.badRequest("'" + field + "' must start with 'sk-'", field);
    }
    if (key.length() < 16) {
      throw ApiError.badRequest("'" + field + "' must be at least 16 characters long", field);
    }
  }
}
