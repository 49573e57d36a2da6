package dev.tollgate.gateway.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.admin.Access;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * LiteLLM's daily-activity endpoints, answered from the daily aggregates ({@code tg_daily_spend}), never from the
 * spend logs:
 * <ul>
 *   <li>{@code GET /user/daily/activity} and {@code /user/daily/activity/aggregated} ({@code user_id});</li>
 *   <li>{@code GET /team/daily/activity} and {@code /team/daily/activity/aggregated} ({@code team_ids},
 *       {@code exclude_team_ids}; entities are teams, with their {@code team_alias});</li>
 *   <li>{@code GET /organization/daily/activity} ({@code organization_ids}, {@code exclude_organization_ids});</li>
 *   <li>{@code GET /customer/daily/activity} and its alias {@code /end_user/daily/activity} ({@code end_user_ids},
 *       {@code exclude_end_user_ids}), admins and admin viewers only;</li>
 *   <li>{@code GET /tag/daily/activity} ({@code tags}), admins and admin viewers only.</li>
 * </ul>
 * Every one takes {@code start_date}, {@code end_date}, {@code model}, {@code api_key}, {@code timezone}, and the paged
 * ones {@code page} and {@code page_size} ({@link ActivityRequest}); who sees what is {@link ActivityScope}'s; the
 * answer is {@link ActivityReport}'s. Rows still queued in the spend writer are not counted yet.
 */
public final class DailyActivityRoutes {
  private final ControlPlane plane;

  private DailyActivityRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  public static void register(Router router, Handler<RoutingContext> auth, ControlPlane plane) {
    DailyActivityRoutes routes = new DailyActivityRoutes(plane);
    Access own = Access.readOwn(plane.userCache());
    Access admins = Access.adminRead(plane.userCache());
    router.get("/user/daily/activity").handler(auth).handler(own).handler(routes.paged(ActivityKind.USER));
    router.get("/user/daily/activity/aggregated").handler(auth).handler(own)
        .handler(routes.aggregated(ActivityKind.USER, false));
    router.get("/team/daily/activity").handler(auth).handler(own).handler(routes.paged(ActivityKind.TEAM));
    router.get("/team/daily/activity/aggregated").handler(auth).handler(own)
        .handler(routes.aggregated(ActivityKind.TEAM, true));
    router.get("/organization/daily/activity").handler(auth).handler(own)
        .handler(routes.paged(ActivityKind.ORGANIZATION));
    for (String prefix : new String[] {"/customer", "/end_user"}) {
      router.get(prefix + "/daily/activity").handler(auth).handler(admins)
          .handler(routes.paged(ActivityKind.CUSTOMER));
    }
    router.get("/tag/daily/activity").handler(auth).handler(admins).handler(routes.paged(ActivityKind.TAG));
  }

  private Handler<RoutingContext> paged(ActivityKind kind) {
    return ctx -> answer(ctx, kind, ActivityReport::page);
  }

  private Handler<RoutingContext> aggregated(ActivityKind kind, boolean perEntity) {
    return ctx -> answer(ctx, kind, (c, q) -> ActivityReport.aggregated(c, q, perEntity));
  }

  /** One endpoint's answer to a request already narrowed to what the caller may read. Blocking. */
  private interface Query {
    ObjectNode run(Connection c, ActivityRequest q) throws SQLException;
  }

  private void answer(RoutingContext ctx, ActivityKind kind, Query query) {
    ActivityRequest asked;
    try {
      asked = ActivityRequest.parse(kind, ctx.request().params());
    } catch (ApiError e) {
      ErrorResponses.send(ctx.response(), e);
      return;
    }
    Principal p = Principal.of(ctx);
    String route = ctx.request().path();
    var work = plane.database().run(c -> query.run(c, ActivityScope.narrow(c, asked, p, route)));
    Future.fromCompletionStage(work, ctx.vertx().getOrCreateContext()).onComplete(done -> {
      if (done.failed()) {
        ErrorResponses.send(ctx.response(), done.cause());
        return;
      }
      ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(done.result())));
    });
  }
}
