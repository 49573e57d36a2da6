package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /spend/logs} (proxy admins and proxy admin viewers): the written spend rows, oldest first, with LiteLLM's field names. Filters:
 * {@code api_key} (the key or its hash), {@code request_id}, {@code user_id}, {@code team_id}, {@code model} (the
 * model group), {@code start_date} and {@code end_date} ({@code YYYY-MM-DD}, UTC, both inclusive), {@code limit}
 * (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}). Rows still queued in the writer are not listed.
 */
public final class SpendRoutes {
  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 100_000;
  private final ControlPlane plane;

  private SpendRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  public static void register(Router router, Handler<RoutingContext> auth, ControlPlane plane) {
    SpendRoutes routes = new SpendRoutes(plane);
    router.get("/spend/logs").handler(auth).handler(dev.tollgate.gateway.admin.Access.adminRead(plane.userCache()))
        .handler(routes::logs);
  }

  void logs(RoutingContext ctx) {
    StringBuilder where = new StringBuilder();
    List<Object> args = new ArrayList<>();
    int limit;
    try {
      String key = param(ctx, "api_key");
      if (key != null) {
        add(where, args, "api_key = ?", Keys.toHash(key));
      }
      add(where, args, "request_id = ?", param(ctx, "request_id"));
      add(where, args, "user_id = ?", param(ctx, "user_id"));
      add(where, args, "team_id = ?", param(ctx, "team_id"));
      add(where, args, "model_group = ?", param(ctx, "model"));
      LocalDate start = date(ctx, "start_date");
      LocalDate end = date(ctx, "end_date");
      if (start != null && end != null && end.isBefore(start)) {
        throw ApiError.badRequest("end_date " + end + " is before start_date " + start, "end_date");
      }
      if (start != null) {
        add(where, args, "start_time >= ?", start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
      }
      if (end != null) {
        add(where, args, "start_time < ?", end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
      }
      limit = limit(ctx);
    } catch (ApiError e) {
      ErrorResponses.send(ctx.response(), e);
      return;
    }
    String sql = "SELECT * FROM tg_spend_logs" + (where.isEmpty() ? "" : " WHERE " + where)
        + " ORDER BY start_time, request_id LIMIT " + limit;
    CompletableFuture<ArrayNode> rows = plane.database().run(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < args.size(); i++) {
          s.setObject(i + 1, args.get(i));
        }
        try (ResultSet r = s.executeQuery()) {
          ArrayNode out = Json.MAPPER.createArrayNode();
          while (r.next()) {
            out.add(row(r));
          }
          return out;
        }
      }
    });
    Future.fromCompletionStage(rows, ctx.vertx().getOrCreateContext()).onComplete(done -> {
      if (done.failed()) {
        ErrorResponses.send(ctx.response(), done.cause());
        return;
      }
      ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(done.result())));
    });
  }

  /** One row in LiteLLM's {@code LiteLLM_SpendLogs} shape. */
  static ObjectNode row(ResultSet r) throws SQLException {
    ObjectNode o = Json.object();
    o.put("request_id", r.getString("request_id"));
    o.put("call_type", r.getString("call_type"));
    o.put("api_key", r.getString("api_key"));
    o.put("spend", r.getDouble("spend"));
    o.put("total_tokens", r.getLong("total_tokens"));
    o.put("prompt_tokens", r.getLong("prompt_tokens"));
    o.put("completion_tokens", r.getLong("completion_tokens"));
    o.put("startTime", Instant.ofEpochMilli(r.getLong("start_time")).toString());
    o.put("endTime", Instant.ofEpochMilli(r.getLong("end_time")).toString());
    o.put("request_duration_ms", r.getLong("request_duration_ms"));
    o.put("model", r.getString("model"));
    o.put("model_group", r.getString("model_group"));
    o.put("model_id", r.getString("model_id"));
    o.put("custom_llm_provider", r.getString("custom_llm_provider"));
    o.put("api_base", r.getString("api_base"));
    o.put("user", r.getString("user_id"));
    o.put("team_id", r.getString("team_id"));
    o.put("organization_id", r.getString("organization_id"));
    o.put("end_user", r.getString("end_user"));
    o.put("requester_ip_address", r.getString("requester_ip_address"));
    o.put("status", r.getString("status"));
    boolean hit = r.getBoolean("cache_hit");
    o.put("cache_hit", !r.wasNull() && hit ? "True" : "False");
    o.put("cache_key", r.getString("cache_key"));
    o.set("metadata", json(r.getString("metadata")));
    o.set("request_tags", json(r.getString("request_tags")));
    // LiteLLM's default for both is "{}": only general_settings.store_prompts_in_spend_logs fills them
    o.set("messages", json(r.getString("messages")));
    o.set("response", json(r.getString("response")));
    return o;
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return Json.object();
    }
    try {
      return Json.tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return Json.MAPPER.getNodeFactory().textNode(text);
    }
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static void add(StringBuilder where, List<Object> args, String clause, Object value) {
    if (value == null) {
      return;
    }
    if (!where.isEmpty()) {
      where.append(" AND ");
    }
    where.append(clause);
    args.add(value);
  }

  private static LocalDate date(RoutingContext ctx, String name) {
    String v = param(ctx, name);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name + " must be a date as YYYY-MM-DD, got '" + v + "'", name);
    }
  }

  private static int limit(RoutingContext ctx) {
    String v = param(ctx, "limit");
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1 || n > MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + v + "'", "limit");
    }
  }
}
