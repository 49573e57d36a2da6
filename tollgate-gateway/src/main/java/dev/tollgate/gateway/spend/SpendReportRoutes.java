package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.admin.Access;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Spend reports, for the proxy admin and admin viewers. {@code GET /global/spend/report?start_date=&end_date=} ({@code YYYY-MM-DD}, UTC,
 * both days included) with {@code group_by=team} (default), {@code customer} or {@code api_key}, or {@code api_key=} /
 * {@code internal_user_id=} for one key's or one user's spend per key and model; {@code GET /global/spend/keys} and
 * {@code GET /global/spend/models} ({@code ?limit=}, default 5 as LiteLLM): the top keys and models by spend;
 * {@code GET /global/spend/provider?start_date=&end_date=}: {@code [{provider, spend}]}. Tollgate adds
 * {@code group_by=tag} to the report (per day and tag, from the daily aggregates) and a few fields to LiteLLM's
 * shapes (see {@link SpendReports}).
 */
public final class SpendReportRoutes {
  private final ControlPlane plane;

  private SpendReportRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  public static void register(Router router, Handler<RoutingContext> auth, ControlPlane plane) {
    SpendReportRoutes routes = new SpendReportRoutes(plane);
    Access read = Access.adminRead(plane.userCache());
    router.get("/global/spend/report").handler(auth).handler(read).handler(routes::report);
    router.get("/global/spend/keys").handler(auth).handler(read).handler(routes::keys);
    router.get("/global/spend/models").handler(auth).handler(read).handler(routes::models);
    router.get("/global/spend/teams").handler(auth).handler(read).handler(routes::teams);
    router.get("/global/spend/tags").handler(auth).handler(read).handler(routes::tags);
    router.get("/global/spend/provider").handler(auth).handler(read).handler(routes::providers);
  }

  void report(RoutingContext ctx) {
    try {
      LocalDate start = date(ctx, "start_date");
      LocalDate end = date(ctx, "end_date");
      if (end.isBefore(start)) {
        throw ApiError.badRequest("end_date " + end + " is before start_date " + start, "end_date");
      }
      long from = SpendReports.startOf(start);
      long to = SpendReports.startOf(end.plusDays(1));
      String groupBy = param(ctx, "group_by");
      String apiKey = param(ctx, "api_key");
      String user = param(ctx, "internal_user_id");
      if (apiKey != null) {
        reply(ctx, plane.database(), c -> SpendReports.byKey(c, from, to, "api_key", Keys.toHash(apiKey)));
      } else if (user != null) {
        reply(ctx, plane.database(), c -> SpendReports.byKey(c, from, to, "user_id", user));
      } else if (groupBy == null || groupBy.equals("team")) {
        reply(ctx, plane.database(), c -> SpendReports.byTeam(c, from, to));
      } else if (groupBy.equals("customer")) {
        reply(ctx, plane.database(), c -> SpendReports.byCustomer(c, from, to));
      } else if (groupBy.equals("api_key")) {
        reply(ctx, plane.database(), c -> SpendReports.byKey(c, from, to, null, null));
      } else if (groupBy.equals("tag")) {
        reply(ctx, plane.database(), c -> SpendReports.byTag(c, start, end));
      } else {
        throw ApiError.badRequest("group_by must be team, customer, api_key or tag, got '" + groupBy + "'",
            "group_by");
      }
    } catch (ApiError e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /** {@code ?start_date=&end_date=} (both required, UTC days, both included): spend per provider, most first. */
  void providers(RoutingContext ctx) {
    try {
      LocalDate start = date(ctx, "start_date");
      LocalDate end = date(ctx, "end_date");
      if (end.isBefore(start)) {
        throw ApiError.badRequest("end_date " + end + " is before start_date " + start, "end_date");
      }
      reply(ctx, plane.database(), c -> SpendReports.byProvider(c, SpendReports.startOf(start),
          SpendReports.startOf(end.plusDays(1))));
    } catch (ApiError e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /** {@code ?start_date=&end_date=} (default: the last 30 days) and {@code tags=a,b}. */
  void tags(RoutingContext ctx) {
    try {
      LocalDate end = param(ctx, "end_date") == null ? today() : date(ctx, "end_date");
      LocalDate start = param(ctx, "start_date") == null ? Last30Days.since(end) : date(ctx, "start_date");
      if (end.isBefore(start)) {
        throw ApiError.badRequest("end_date " + end + " is before start_date " + start, "end_date");
      }
      String tags = param(ctx, "tags");
      java.util.List<String> wanted = tags == null ? java.util.List.of()
          : java.util.Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
      reply(ctx, plane.database(), c -> TagSpend.between(c, start, end, wanted));
    } catch (ApiError e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void keys(RoutingContext ctx) {
    try {
      Integer limit = limit(ctx, null);
      reply(ctx, plane.database(), c -> Last30Days.keys(c, today(), limit));
    } catch (ApiError e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void models(RoutingContext ctx) {
    try {
      int limit = limit(ctx, 10);
      reply(ctx, plane.database(), c -> Last30Days.models(c, today(), limit));
    } catch (ApiError e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void teams(RoutingContext ctx) {
    reply(ctx, plane.database(), c -> Last30Days.teams(c, today()));
  }

  private static LocalDate today() {
    return LocalDate.now(java.time.ZoneOffset.UTC);
  }

  private static void reply(RoutingContext ctx, Database db, Database.SqlFunction<? extends JsonNode> query) {
    Future.fromCompletionStage(db.run(query), ctx.vertx().getOrCreateContext()).onComplete(done -> {
      if (done.failed()) {
        ErrorResponses.send(ctx.response(), done.cause());
        return;
      }
      ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(done.result())));
    });
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static LocalDate date(RoutingContext ctx, String name) {
    String v = param(ctx, name);
    if (v == null) {
      throw ApiError.badRequest("Please provide start_date and end_date (YYYY-MM-DD); " + name + " is missing", name);
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name + " must be a date as YYYY-MM-DD, got '" + v + "'", name);
    }
  }

  /** {@code ?limit=}, or {@code fallback} when absent. */
  private static Integer limit(RoutingContext ctx, Integer fallback) {
    String v = param(ctx, "limit");
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1 || n > 10_000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("limit must be a whole number from 1 to 10000, got '" + v + "'", "limit");
    }
  }
}
