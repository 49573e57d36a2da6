package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.admin.Access;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * LiteLLM's paged spend log for its Logs page, for proxy admins and admin viewers:
 * {@code GET /spend/logs/ui?start_date=&end_date=&page=&page_size=&<filters>} answers
 * {@code {data, total, page, page_size, total_pages}}, newest first (filters in {@link SpendLogFilter}); and
 * {@code GET /spend/logs/ui/{request_id}} answers one row, with {@code messages} / {@code response} when they were
 * stored, or a 404. Rows use {@code /spend/logs}' shape ({@link SpendRoutes#row}). Rows still queued in the spend
 * writer are not listed yet.
 */
public final class SpendLogsUiRoutes {
  private final ControlPlane plane;

  private SpendLogsUiRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  public static void register(Router router, Handler<RoutingContext> auth, ControlPlane plane) {
    SpendLogsUiRoutes routes = new SpendLogsUiRoutes(plane);
    Access read = Access.adminRead(plane.userCache());
    router.get("/spend/logs/ui").handler(auth).handler(read).handler(routes::page);
    router.get("/spend/logs/ui/:request_id").handler(auth).handler(read).handler(routes::one);
  }

  void page(RoutingContext ctx) {
    SpendLogFilter filter;
    try {
      filter = SpendLogFilter.parse(ctx.request().params());
    } catch (ApiError e) {
      ErrorResponses.send(ctx.response(), e);
      return;
    }
    reply(ctx, plane.database(), c -> page(c, filter));
  }

  void one(RoutingContext ctx) {
    String id = ctx.pathParam("request_id");
    reply(ctx, plane.database(), c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT * FROM tg_spend_logs WHERE request_id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw new ApiError(404, "not_found_error", "No spend log row has request_id '" + id + "' (rows are "
                + "written in batches: a request of the last seconds may not be there yet)", "request_id");
          }
          return SpendRoutes.row(r);
        }
      }
    });
  }

  /** One page and the total that match. Blocking. */
  static ObjectNode page(Connection c, SpendLogFilter asked) throws SQLException {
    SpendLogFilter filter = asked;
    if (asked.keyAlias() != null) {
      String hash = keyOfAlias(c, asked.keyAlias());
      if (hash == null) {
        return reply(Json.MAPPER.createArrayNode(), 0, asked);
      }
      filter = asked.withKeyHash(hash);
    }
    long total;
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM tg_spend_logs WHERE " + filter.where())) {
      bind(s, filter.args());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        total = r.getLong(1);
      }
    }
    ArrayNode data = Json.MAPPER.createArrayNode();
    String direction = filter.ascending() ? "ASC" : "DESC";
    try (PreparedStatement s = c.prepareStatement("SELECT * FROM tg_spend_logs WHERE " + filter.where()
        + " ORDER BY start_time " + direction + ", request_id " + direction + " LIMIT ? OFFSET ?")) {
      int i = bind(s, filter.args());
      s.setInt(i++, filter.pageSize());
      s.setLong(i, filter.offset());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          data.add(SpendRoutes.row(r));
        }
      }
    }
    return reply(data, total, filter);
  }

  private static ObjectNode reply(ArrayNode data, long total, SpendLogFilter filter) {
    ObjectNode out = Json.object();
    out.set("data", data);
    out.put("total", total);
    out.put("page", filter.page());
    out.put("page_size", filter.pageSize());
    out.put("total_pages", (total + filter.pageSize() - 1) / filter.pageSize());
    return out;
  }

  private static String keyOfAlias(Connection c, String alias) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT token FROM tg_keys WHERE key_alias = ?")) {
      s.setString(1, alias);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static int bind(PreparedStatement s, List<Object> args) throws SQLException {
    int i = 1;
    for (Object a : args) {
      s.setObject(i++, a);
    }
    return i;
  }

  private static void reply(RoutingContext ctx, Database db, Database.SqlFunction<? extends JsonNode> query) {
    Future.fromCompletionStage(db.run(query), ctx.vertx().getOrCreateContext()).onComplete(done -> {
      if (done.failed()) {
        Throwable cause = done.cause() instanceof java.util.concurrent.CompletionException e && e.getCause() != null
            ? e.getCause() : done.cause();
        ErrorResponses.send(ctx.response(), cause);
        return;
      }
      ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(done.result())));
    });
  }
}
