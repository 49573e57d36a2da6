package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.keys.VirtualKey;
import io.vertx.ext.web.RoutingContext;

/**
 * Which existing keys a caller may see or change (LiteLLM's rules for non-admin roles): proxy admins every key, proxy
 * admin viewers read every key; anyone else the keys of its own user, the keys of teams it is an admin of, and (to
 * read) the key it is calling with. The viewer roles change nothing.
 */
final class KeyPolicy {
  private KeyPolicy() {}

  static boolean canRead(RoutingContext ctx, VirtualKey k) {
    Principal p = Principal.of(ctx);
    if (p.role().readsAll() || owns(p, k)) {
      return true;
    }
    VirtualKey self = Caller.of(ctx).key();
    return self != null && self.token().equals(k.token());
  }

  static boolean canWrite(RoutingContext ctx, VirtualKey k) {
    Principal p = Principal.of(ctx);
    return p.isAdmin() || (!p.role().readOnly() && owns(p, k));
  }

  /** Throws LiteLLM-style 403 when the caller may not read {@code k}. */
  static void mustRead(RoutingContext ctx, VirtualKey k) {
    if (!canRead(ctx, k)) {
      throw denied(ctx, "see");
    }
  }

  static void mustWrite(RoutingContext ctx, VirtualKey k) {
    if (!canWrite(ctx, k)) {
      throw denied(ctx, "change");
    }
  }

  private static boolean owns(Principal p, VirtualKey k) {
    return (p.userId() != null && p.userId().equals(k.userId())) || p.isTeamAdmin(k.teamId());
  }

  private static dev.tollgate.gateway.http.ApiError denied(RoutingContext ctx, String what) {
    Principal p = Principal.of(ctx);
    return Access.forbidden("You may not " + what + " this key: it is neither yours (user_id=" + p.userId()
        + ") nor a key of a team you are an admin of. Your role=" + p.role().wire());
  }
}
