package dev.tollgate.gateway.auth;

import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.keys.KeyCache;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.spend.PendingSpend;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Admits the master key (compared in constant time, no database) or a virtual key found through {@link KeyCache}, and
 * stores the {@link Caller} on the context. A cached key is checked inline on the event loop; on a miss the request is
 * paused, the key is loaded on a database thread, and the handler resumes on the request's own event loop.
 *
 * <p>Checks, in LiteLLM's order and with its messages: the key exists (401), is not blocked (401 {@code auth_error}),
 * has not expired (401 {@code expired_key}), and its spend (stored plus not yet written, {@link PendingSpend}) is under
 * {@code max_budget} (400 {@code budget_exceeded}), its team is not blocked (401 {@code auth_error}, from the
 * in-memory {@link Blocklist}), and the route is among its {@code allowed_routes} (403, {@link AllowedRoutes}).
 * Model access needs the body and is checked later by {@link ModelAccess}. Runs in the platform phase, before the
 * body is read.
 *
 * <p>On an LLM route ({@link #forCalls}) a known key's refusal also leaves a failure spend row ({@link RefusedCalls}).
 */
public final class KeyAuth implements PlatformHandler {
  private final byte[] masterKey;
  private final String customHeader;
  private final KeyCache cache;
  private final PendingSpend pending;
  private final Blocklist blocklist;
  private final String callType;
  private final RefusedCalls refused;

  /**
   * @param pending spend counted but not yet written, added to a key's stored spend for the budget check
   * @param blocklist blocked teams: a key of one is refused
   */
  public KeyAuth(String masterKey, String customHeader, KeyCache cache, PendingSpend pending, Blocklist blocklist) {
    this.masterKey = masterKey.getBytes(StandardCharsets.UTF_8);
    this.customHeader = customHeader;
    this.cache = cache;
    this.pending = pending;
    this.blocklist = blocklist;
    this.callType = null;
    this.refused = null;
  }

  private KeyAuth(KeyAuth base, String callType, RefusedCalls refused) {
    this.masterKey = base.masterKey;
    this.customHeader = base.customHeader;
    this.cache = base.cache;
    this.pending = base.pending;
    this.blocklist = base.blocklist;
    this.callType = callType;
    this.refused = refused;
  }

  /**
   * The same checks for an LLM route: a known key's refusal is also recorded as a failed call of {@code callType}
   * (LiteLLM's {@code call_type}, e.g. {@code acompletion}).
   */
  public KeyAuth forCalls(String callType, RefusedCalls refused) {
    return new KeyAuth(this, callType, refused);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String key = PresentedKey.of(ctx.request(), customHeader);
    if (key == null || key.isBlank()) {
      ErrorResponses.send(ctx, ApiError.auth(
          "Authentication Error, No api key passed in. Send 'Authorization: Bearer <key>'."));
      return;
    }
    if (MessageDigest.isEqual(masterKey, key.getBytes(StandardCharsets.UTF_8))) {
      ctx.put(Caller.CONTEXT_KEY, Caller.MASTER);
      ctx.next();
      return;
    }
    String hash = Keys.hash(key);
    CompletableFuture<Optional<VirtualKey>> found = cache.get(hash);
    if (found.isDone() && !found.isCompletedExceptionally()) {
      admit(ctx, key, hash, found.join());
      return;
    }
    ctx.request().pause();
    Context context = ctx.vertx().getOrCreateContext();
    Future.fromCompletionStage(found, context).onComplete(done -> {
      if (done.failed()) {
        ctx.request().resume();
        ErrorResponses.send(ctx, done.cause());
        return;
      }
      admit(ctx, key, hash, done.result());
    });
  }

  /** Admits the request (the body handler resumes it) or answers the error and lets the unread body drain. */
  private void admit(RoutingContext ctx, String key, String hash, Optional<VirtualKey> found) {
    VirtualKey admitted;
    try {
      admitted = check(key, hash, found, System.currentTimeMillis(), pending.of(hash));
      if (admitted.teamId() != null && blocklist.teamBlocked(admitted.teamId())) {
        throw new ApiError(401, "auth_error", "Team=" + admitted.teamId() + " is blocked. Update via "
            + "`/team/unblock` if you're an admin.", null);
      }
      AllowedRoutes.check(admitted.allowedRoutes(), ctx.request().path());
    } catch (ApiError e) {
      if (refused != null && found.isPresent()) {
        refused.record(ctx, callType, found.get(), e);
      }
      ctx.request().resume();
      ErrorResponses.send(ctx, e);
      return;
    }
    ctx.put(Caller.CONTEXT_KEY, new Caller(admitted));
    ctx.next();
  }

  /** The key if it may be used now, else the error LiteLLM gives. */
  static VirtualKey check(String key, String hash, Optional<VirtualKey> found, long now, double pendingSpend) {
    if (found.isEmpty()) {
      throw new ApiError(401, "token_not_found_in_db", "Authentication Error, Invalid proxy server token passed. "
          + "Received API Key = " + Keys.displayName(key) + ", Key Hash (Token) =" + hash
          + ". Unable to find token in cache or `LiteLLM_VerificationTokenTable`", "key");
    }
    VirtualKey k = found.get();
    if (k.blocked()) {
      throw new ApiError(401, "auth_error",
          "Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin.", null);
    }
    if (k.isExpired(now)) {
      throw new ApiError(401, "expired_key", "Authentication Error - Expired Key. Key Expiry time "
          + Instant.ofEpochMilli(k.expires()) + " and current time " + Instant.ofEpochMilli(now),
          Keys.displayName(key));
    }
    double spend = k.spend() + pendingSpend;
    if (k.maxBudget() != null && spend >= k.maxBudget()) {
      throw new ApiError(400, "budget_exceeded", "Budget has been exceeded! Current cost: " + spend
          + ", Max budget: " + k.maxBudget(), null);
    }
    return k;
  }
}
