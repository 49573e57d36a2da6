package dev.tollgate.gateway.http;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.limits.Decision;
import dev.tollgate.gateway.limits.KeyLimits;
import dev.tollgate.providers.Ids;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The stage before an LLM handler: applies the virtual key's rate limits (429 with LiteLLM's message and headers when
 * one is reached), then starts the request's {@link CallRecord}, stores it on the context and arranges that it
 * completes exactly once, when the response ends or the client goes away. Completion writes its spend row and gives
 * back the key's parallel slot and tokens.
 *
 * <p>The limiter answers with a future: already complete for the in-memory limiter (the request goes on at once, no
 * hop), after a Redis round trip for the shared one, when the request goes on on its own event-loop context.
 */
public final class CallStart implements Handler<RoutingContext> {
  private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private final String callType;
  private final String masterKeyHash;
  private final ControlPlane plane;

  /** @param callType LiteLLM's {@code call_type}: {@code acompletion} or {@code aembedding} */
  public CallStart(String callType, String masterKeyHash, ControlPlane plane) {
    this.callType = callType;
    this.masterKeyHash = masterKeyHash;
    this.plane = plane;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    VirtualKey key = Caller.of(ctx).key();
    KeyLimits limits = KeyLimits.of(key);
    if (limits == null) {
      start(ctx, key, null, null, now);
      return;
    }
    Future<Decision> decided = plane.limiter().acquire(key.token(), limits, now);
    if (decided.isComplete()) { // in memory: no hop
      decide(ctx, key, limits, decided, now);
      return;
    }
    Context own = Vertx.currentContext();
    decided.onComplete(ar -> {
      if (own == null || Vertx.currentContext() == own) {
        decide(ctx, key, limits, decided, now);
      } else {
        own.runOnContext(v -> decide(ctx, key, limits, decided, now));
      }
    });
  }

  private void decide(RoutingContext ctx, VirtualKey key, KeyLimits limits, Future<Decision> decided, long now) {
    if (decided.failed()) {
      ctx.fail(decided.cause());
      return;
    }
    Decision d = decided.result();
    HttpServerResponse response = ctx.response();
    if (response.closed() || response.ended()) { // the client went away while Redis answered
      if (d.allowed()) {
        plane.limiter().release(key.token(), limits, d, 0, System.currentTimeMillis());
      }
      return;
    }
    limitHeaders(response, limits, d);
    if (!d.allowed()) {
      long retryAfter = Math.max(1, (d.resetAtMillis() - now + 999) / 1000);
      response.putHeader("retry-after", Long.toString(retryAfter));
      response.putHeader("rate_limit_type", d.refusedBy());
      String resetAt = RESET.format(Instant.ofEpochMilli(d.resetAtMillis()));
      response.putHeader("reset_at", resetAt);
      ErrorResponses.send(response, new ApiError(429, "rate_limit_error", "Rate limit exceeded for api_key: "
          + key.token() + ". Limit type: " + d.refusedBy() + ". Current limit: " + d.limit() + ", Remaining: "
          + d.remaining() + ". Limit resets at: " + resetAt, null));
      return;
    }
    start(ctx, key, limits, d, now);
  }

  private void start(RoutingContext ctx, VirtualKey key, KeyLimits limits, Decision admitted, long now) {
    HttpServerResponse response = ctx.response();
    CallRecord record = new CallRecord(Ids.uuid(), callType, now, key != null ? key.token() : masterKeyHash, key);
    if (ctx.request().remoteAddress() != null) {
      record.requesterIp = ctx.request().remoteAddress().hostAddress();
    }
    if (limits != null) {
      record.onComplete(r -> plane.limiter().release(key.token(), limits, admitted, r.totalTokens,
          System.currentTimeMillis()));
    }
    record.onComplete(plane.spend()::add);
    if (key != null) {
      response.putHeader("x-litellm-key-spend", Double.toString(plane.currentSpend(key)));
    }
    ctx.put(CallRecord.CONTEXT_KEY, record);
    ctx.addEndHandler(done -> record.complete(response.getStatusCode(), !response.ended()));
    ctx.next();
  }

  private static void limitHeaders(HttpServerResponse response, KeyLimits limits, Decision d) {
    if (limits.rpm() != null) {
      response.putHeader("x-ratelimit-limit-requests", Long.toString(limits.rpm()));
      response.putHeader("x-ratelimit-remaining-requests", Long.toString(Math.max(0, d.remainingRequests())));
    }
    if (limits.tpm() != null) {
      response.putHeader("x-ratelimit-limit-tokens", Long.toString(limits.tpm()));
      response.putHeader("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, d.remainingTokens())));
    }
  }

  /** The request's call record (always set on LLM routes, after this stage). */
  public static CallRecord record(RoutingContext ctx) {
    return ctx.get(CallRecord.CONTEXT_KEY);
  }
}
