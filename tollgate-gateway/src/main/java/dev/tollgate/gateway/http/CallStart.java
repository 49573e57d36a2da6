package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.budgets.RequestEntities;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.limits.CountedLimit;
import dev.tollgate.gateway.limits.LimitPlan;
import dev.tollgate.providers.Ids;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The stage before an LLM handler, after the body is read. Starts the request's {@link CallRecord} (stored on the
 * context, completed exactly once when the response ends or the client goes away, which writes its spend row), then:
 *
 * <ol>
 *   <li>finds the key's user, team and organization and the body's end user ({@code user}) in the entity cache
 *       (no database round trip once cached; on a miss the stage waits for the load and resumes on its own context);
 *   <li>runs LiteLLM's checks on them ({@link dev.tollgate.gateway.budgets.BudgetChecks}: blocked team, team models,
 *       blocked end user, team / organization / user / end-user budgets);
 *   <li>applies every rate limit of the key and those entities ({@link RateLimits}).
 * </ol>
 *
 * A refused request is answered here (400, 401 or 429 as LiteLLM) and its record is written as a failure, so refused
 * requests leave a spend row with status {@code failure} and cost 0.
 */
public final class CallStart implements Handler<RoutingContext> {
  /** Where the request's {@link RequestEntities} are kept on its routing context for the later stages. */
  static final String ENTITIES_KEY = "tollgate.entities";
  private final String callType;
  private final java.util.function.Function<ObjectNode, String> endUser;
  private final String masterKeyHash;
  private final ControlPlane plane;
  private final RateLimits limits;
  private final java.util.function.Supplier<dev.tollgate.gateway.GatewaySettings> settings;

  /**
   * @param callType LiteLLM's {@code call_type}: {@code acompletion} or {@code aembedding}
   * @param settings the serving snapshot, for its model access groups
   */
  public CallStart(String callType, String masterKeyHash, ControlPlane plane,
      java.util.function.Supplier<dev.tollgate.gateway.GatewaySettings> settings) {
    this(callType, masterKeyHash, plane, settings, body -> text(body, "user"));
  }

  /**
   * @param endUser where the body names its end user (OpenAI's {@code user}; Anthropic's {@code metadata.user_id})
   */
  public CallStart(String callType, String masterKeyHash, ControlPlane plane,
      java.util.function.Supplier<dev.tollgate.gateway.GatewaySettings> settings,
      java.util.function.Function<ObjectNode, String> endUser) {
    this.endUser = endUser;
    this.settings = settings;
    this.callType = callType;
    this.masterKeyHash = masterKeyHash;
    this.plane = plane;
    this.limits = new RateLimits(plane.limiter());
  }

  @Override
  public void handle(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    VirtualKey key = Caller.of(ctx).key();
    ObjectNode body = RequestBodies.peek(ctx);
    String model = text(body, "model");
    String endUser = body == null ? null : this.endUser.apply(body);
    CallRecord record = start(ctx, key, endUser, now);
    CompletableFuture<RequestEntities> found = RequestEntities.load(plane.entityCache(), key, endUser);
    if (found.isDone() && !found.isCompletedExceptionally()) {
      admit(ctx, record, key, found.join(), model, now);
      return;
    }
    Context own = Vertx.currentContext();
    Future.fromCompletionStage(found, own).onComplete(ar -> {
      if (ar.failed()) {
        refuse(ctx, record, ar.cause());
        return;
      }
      admit(ctx, record, key, ar.result(), model, now);
    });
  }

  private void admit(RoutingContext ctx, CallRecord record, VirtualKey key, RequestEntities entities, String model,
      long now) {
    if (gone(ctx)) {
      return;
    }
    ctx.put(ENTITIES_KEY, entities); // the team's guardrails and the user's cache controls, read later
    try {
      plane.budgetChecks().check(key, key == null ? 0 : plane.currentSpend(key), entities, model,
          settings.get().models().accessGroups());
    } catch (ApiError e) {
      refuse(ctx, record, e);
      return;
    }
    List<CountedLimit> plan = LimitPlan.of(key, entities, model);
    if (plan.isEmpty()) {
      proceed(ctx, key);
      return;
    }
    limits.acquire(plan, now, Vertx.currentContext(), outcome -> {
      HttpServerResponse response = ctx.response();
      if (gone(ctx)) { // the client went away while Redis answered
        outcome.release(0);
        return;
      }
      outcome.headers(response);
      if (!outcome.allowed()) {
        refuse(ctx, record, outcome.error(now));
        return;
      }
      record.onComplete(r -> outcome.release(r.totalTokens));
      proceed(ctx, key);
    });
  }

  private CallRecord start(RoutingContext ctx, VirtualKey key, String endUser, long now) {
    HttpServerResponse response = ctx.response();
    CallRecord record = new CallRecord(Ids.timeOrderedUuid(now), callType, now,
        key != null ? key.token() : masterKeyHash, key);
    record.endUser = endUser;
    record.writeLogRow = !settings.get().spendLogs().disabled();
    record.requesterIp = RequesterIp.of(ctx);
    record.onComplete(plane.spend()::add);
    plane.metrics().started();
    record.onComplete(plane.metrics()::completed);
    ctx.put(CallRecord.CONTEXT_KEY, record);
    ctx.addEndHandler(done -> record.complete(response.getStatusCode(), !response.ended()));
    return record;
  }

  private void proceed(RoutingContext ctx, VirtualKey key) {
    if (key != null) {
      ctx.response().putHeader(HeaderNames.KEY_SPEND, Double.toString(plane.currentSpend(key)));
    }
    ctx.next();
  }

  private static void refuse(RoutingContext ctx, CallRecord record, Throwable error) {
    CallEnd.failed(record, error);
    ErrorResponses.send(ctx, error);
  }

  private static boolean gone(RoutingContext ctx) {
    return ctx.response().closed() || ctx.response().ended();
  }

  static String text(ObjectNode body, String field) {
    JsonNode node = body == null ? null : body.get(field);
    return node != null && node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
  }

  /** The key's user, team and organization as this stage found them; {@link RequestEntities#NONE} before it. */
  static RequestEntities entities(RoutingContext ctx) {
    RequestEntities found = ctx.get(ENTITIES_KEY);
    return found == null ? RequestEntities.NONE : found;
  }

  /** The request's call record (always set on LLM routes, after this stage). */
  public static CallRecord record(RoutingContext ctx) {
    return ctx.get(CallRecord.CONTEXT_KEY);
  }
}
