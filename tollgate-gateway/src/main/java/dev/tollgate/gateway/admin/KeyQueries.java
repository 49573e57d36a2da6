package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /key/info}, {@code GET /key/list} ({@code page}, {@code size}, and the exact filters {@code user_id},
 * {@code team_id}, {@code key_alias}, {@code key_hash}: the key or its hash), {@code POST /key/delete},
 * {@code /key/block}, {@code /key/unblock}.
 */
final class KeyQueries {
  private final ControlPlane plane;

  KeyQueries(ControlPlane plane) {
    this.plane = plane;
  }

  void info(RoutingContext ctx) {
    String key = ctx.request().getParam("key");
    if (key == null || key.isBlank()) {
      ErrorResponses.send(ctx.response(), ApiError.badRequest("query parameter 'key' is required: the key or its hash",
          "key"));
      return;
    }
    Replies.blocking(ctx, plane.database(), () -> {
      VirtualKey k = find(plane, key.strip());
      KeyPolicy.mustRead(ctx, k);
      ObjectNode reply = Json.object();
      reply.put("key", k.token());
      ObjectNode info = KeyJson.info(k);
      info.put("spend", k.spend() + plane.pendingSpend().of(k.token())); // stored plus not yet written
      reply.set("info", info);
      return reply;
    });
  }

  void list(RoutingContext ctx) {
    try {
      int page = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
      int size = intParam(ctx, "size", 10, 1, 100);
      boolean full = Boolean.parseBoolean(ctx.request().getParam("return_full_object", "false"));
      String askedUser = Calls.param(ctx, "user_id");
      String teamId = Calls.param(ctx, "team_id");
      String userId = ownListScope(dev.tollgate.gateway.auth.Principal.of(ctx), askedUser, teamId);
      String alias = Calls.param(ctx, "key_alias");
      String keyHash = Calls.param(ctx, "key_hash");
      String hash = keyHash == null ? null : Keys.toHash(keyHash);
      Replies.blocking(ctx, plane.database(), () -> {
        KeyStore.Page found = plane.keys().list(userId, teamId, alias, hash, page, size);
        ObjectNode reply = Json.object();
        ArrayNode keys = reply.putArray("keys");
        for (VirtualKey k : found.keys()) {
          if (full) {
            keys.add(KeyJson.withToken(k));
          } else {
            keys.add(k.token());
          }
        }
        reply.put("total_count", found.total());
        reply.put("current_page", page);
        reply.put("total_pages", (found.total() + size - 1) / size);
        return reply;
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void delete(RoutingContext ctx) {
    try {
      ObjectNode body = KeyRoutes.body(ctx);
      for (String field : iterable(body.fieldNames())) {
        if (!Set.of("keys", "key_aliases").contains(field)) {
          throw ApiError.badRequest("unknown field '" + field + "'; send {\"keys\": [...]} or {\"key_aliases\": [...]}",
              field);
        }
      }
      List<String> keys = strings(body, "keys");
      List<String> aliases = strings(body, "key_aliases");
      if (keys.isEmpty() && aliases.isEmpty()) {
        throw ApiError.badRequest("send {\"keys\": [...]} or {\"key_aliases\": [...]} with at least one entry", "keys");
      }
      Replies.blocking(ctx, plane.database(), () -> {
        Map<String, String> hashes = new LinkedHashMap<>();
        List<VirtualKey> removed = new ArrayList<>();
        for (String k : keys) {
          VirtualKey found = find(plane, k);
          KeyPolicy.mustWrite(ctx, found);
          if (hashes.put(found.token(), k) == null) {
            removed.add(found);
          }
        }
        for (String a : aliases) {
          VirtualKey found = findAlias(plane, a);
          KeyPolicy.mustWrite(ctx, found);
          if (hashes.put(found.token(), a) == null) {
            removed.add(found);
          }
        }
        plane.keys().delete(new ArrayList<>(hashes.keySet()));
        for (VirtualKey gone : removed) {
          KeyAudit.record(plane, Calls.changedBy(ctx), "deleted", gone, null);
        }
        hashes.keySet().forEach(plane.keyCache()::invalidate);
        ObjectNode reply = Json.object();
        ArrayNode deleted = reply.putArray("deleted_keys");
        hashes.values().forEach(deleted::add);
        return reply;
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void block(RoutingContext ctx) {
    setBlocked(ctx, true);
  }

  void unblock(RoutingContext ctx) {
    setBlocked(ctx, false);
  }

  private void setBlocked(RoutingContext ctx, boolean blocked) {
    try {
      ObjectNode body = KeyRoutes.body(ctx);
      for (String field : iterable(body.fieldNames())) {
        if (!field.equals("key")) {
          throw ApiError.badRequest("unknown field '" + field + "'; send {\"key\": \"sk-...\"}", field);
        }
      }
      String key = KeyFields.string("key", body.get("key"));
      if (key == null || key.isBlank()) {
        throw ApiError.badRequest("'key' is required: the key or its hash", "key");
      }
      long now = System.currentTimeMillis();
      Replies.blocking(ctx, plane.database(), () -> {
        VirtualKey existing = find(plane, key);
        VirtualKey.Builder b = existing.toBuilder();
        b.blocked = blocked;
        b.updatedAt = now;
        b.updatedBy = KeyRoutes.changedBy(dev.tollgate.gateway.auth.Principal.of(ctx));
        VirtualKey changed = b.build();
        plane.keys().update(existing.token(), existing, changed);
        plane.keyCache().invalidate(existing.token());
        KeyAudit.record(plane, Calls.changedBy(ctx), "updated", existing, changed);
        return KeyJson.withToken(changed);
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /**
   * The {@code user_id} filter a caller's /key/list runs with: what it asked for when it reads everything, its own
   * user otherwise, or none when it lists a team it is an admin of. Asking for another user's keys is a 403.
   */
  static String ownListScope(dev.tollgate.gateway.auth.Principal p, String askedUser, String teamId) {
    if (p.role().readsAll()) {
      return askedUser;
    }
    if (teamId != null && p.isTeamAdmin(teamId) && askedUser == null) {
      return null;
    }
    if (p.userId() == null || (askedUser != null && !askedUser.equals(p.userId()))) {
      throw Access.forbidden("You can only list your own keys (user_id=" + p.userId() + ") or the keys of a team "
          + "you are an admin of. Your role=" + p.role().wire());
    }
    return p.userId();
  }

  /** The key whose plaintext or hash is {@code keyOrHash}, else a 404. Blocking. */
  static VirtualKey find(ControlPlane plane, String keyOrHash) {
    return plane.keys().find(Keys.toHash(keyOrHash)).orElseThrow(() -> Replies.notFound(
        "Key not found: " + (Keys.isHash(keyOrHash) ? keyOrHash : Keys.displayName(keyOrHash))));
  }

  static VirtualKey findAlias(ControlPlane plane, String alias) {
    return plane.keys().findByAlias(alias).orElseThrow(() -> Replies.notFound(
        "No key has key_alias '" + alias + "'"));
  }

  private static List<String> strings(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw ApiError.badRequest("'" + field + "' must be an array of strings", field);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw ApiError.badRequest("'" + field + "' must be an array of non-empty strings", field);
      }
      out.add(item.asText());
    }
    return out;
  }

  private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.strip());
      if (v < min || v > max) {
        throw ApiError.badRequest("'" + name + "' must be between " + min + " and " + max + ", got " + v, name);
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("'" + name + "' must be a whole number, got '" + raw + "'", name);
    }
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
