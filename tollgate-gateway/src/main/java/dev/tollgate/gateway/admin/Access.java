package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.gateway.auth.UserAccess;
import dev.tollgate.gateway.auth.UserCache;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The per-route permission check of the management API. Runs after {@code KeyAuth}: turns the {@link Caller} into a
 * {@link Principal} (the master key is the proxy admin; a virtual key acts with its user's role, read from
 * {@link UserCache}, so no database round trip once cached) and lets the request on only if the route's {@link Rule}
 * admits that role. Which objects a non-admin may touch (its own keys, its teams) is checked by the route itself.
 */
public final class Access implements PlatformHandler {
  /** Who may call a route at all. */
  enum Rule {
    /** proxy_admin only */
    ADMIN,
    /** proxy_admin and proxy_admin_viewer */
    ADMIN_READ,
    /** every role; the route shows a non-admin only its own objects */
    READ_OWN,
    /** every role but the viewers; the route lets a non-admin change only its own objects */
    WRITE_OWN,
    /** proxy_admin, and org admins (the route lets them touch only their organizations' objects) */
    ORG_ADMIN
  }

  private final Rule rule;
  private final UserCache users;

  private Access(Rule rule, UserCache users) {
    this.rule = rule;
    this.users = users;
  }

  public static Access admin(UserCache users) {
    return new Access(Rule.ADMIN, users);
  }

  public static Access adminRead(UserCache users) {
    return new Access(Rule.ADMIN_READ, users);
  }

  public static Access readOwn(UserCache users) {
    return new Access(Rule.READ_OWN, users);
  }

  public static Access orgAdmin(UserCache users) {
    return new Access(Rule.ORG_ADMIN, users);
  }

  public static Access writeOwn(UserCache users) {
    return new Access(Rule.WRITE_OWN, users);
  }

  @Override
  public void handle(RoutingContext ctx) {
    VirtualKey key = Caller.of(ctx).key();
    if (key == null) {
      admit(ctx, Principal.MASTER);
      return;
    }
    if (key.userId() == null) {
      admit(ctx, new Principal(Role.INTERNAL_USER, null, null));
      return;
    }
    CompletableFuture<Optional<UserAccess>> found = users.get(key.userId());
    if (found.isDone() && !found.isCompletedExceptionally()) {
      admit(ctx, principal(found.join()));
      return;
    }
    if (!ctx.request().isEnded()) {
      ctx.request().pause(); // the body handler, later in the chain, resumes it
    }
    Future.fromCompletionStage(found, ctx.vertx().getOrCreateContext()).onComplete(done -> {
      if (done.failed()) {
        ctx.request().resume();
        ErrorResponses.send(ctx.response(), done.cause());
        return;
      }
      admit(ctx, principal(done.result()));
    });
  }

  /** A key whose user_id names no stored user owns nothing (it could otherwise mint keys free of any user cap). */
  private static Principal principal(Optional<UserAccess> user) {
    return user.map(u -> new Principal(u.role(), u.userId(), u))
        .orElseGet(() -> new Principal(Role.INTERNAL_USER, null, null));
  }

  private void admit(RoutingContext ctx, Principal p) {
    ctx.put(Principal.CONTEXT_KEY, p);
    boolean allowed = switch (rule) {
      case ADMIN -> p.isAdmin();
      case ADMIN_READ -> p.role().readsAll();
      case READ_OWN -> true;
      case WRITE_OWN -> !p.role().readOnly();
      case ORG_ADMIN -> p.isAdmin() || (!p.role().readOnly() && p.adminsAnOrganization());
    };
    if (allowed) {
      ctx.next();
      return;
    }
    ctx.request().resume();
    ErrorResponses.send(ctx.response(), denied(ctx.request().path(), p));
  }

  /** LiteLLM's message for a route the caller's role may not use. */
  static ApiError denied(String route, Principal p) {
    return new ApiError(403, "auth_error", "Only proxy admin can be used to generate, delete, update info for new "
        + "keys/users/teams. Route=" + route + ". Your role=" + p.role().wire() + ". Your user_id=" + p.userId(),
        null);
  }

  /** A 403 for an object the caller may not see or change. */
  static ApiError forbidden(String message) {
    return new ApiError(403, "auth_error", message, null);
  }
}
