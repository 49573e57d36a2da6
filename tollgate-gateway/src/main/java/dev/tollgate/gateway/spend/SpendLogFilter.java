package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.QueryParams;
import dev.tollgate.gateway.keys.Keys;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of {@code GET /spend/logs/ui}, read from LiteLLM's parameters and turned into one SQL condition over
 * {@code tg_spend_logs}. The {@code start_time} range is always there (both ends required, as in LiteLLM), so every
 * query starts from an index range: {@code start_time} alone, {@code (api_key | team_id | user_id, start_time)} when
 * that filter is given, or the failures-only index for {@code status_filter=failure}. Bad values are 400s naming the
 * parameter.
 *
 * @param where the condition, without {@code WHERE}
 * @param args its arguments in order
 * @param keyAlias a {@code key_alias} filter still to be resolved to a key hash (null when none)
 */
record SpendLogFilter(String where, List<Object> args, String keyAlias, int page, int pageSize, boolean ascending) {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 100;
  private static final DateTimeFormatter LITELLM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Reads the parameters; throws a 400 {@link ApiError} for a missing or malformed one. */
  static SpendLogFilter parse(MultiMap params) {
    String start = QueryParams.text(params, "start_date");
    String end = QueryParams.text(params, "end_date");
    if (start == null || end == null) {
      throw ApiError.badRequest("Start date and end date are required: start_date and end_date as "
          + "'YYYY-MM-DD HH:MM:SS' (UTC) or 'YYYY-MM-DD'", start == null ? "start_date" : "end_date");
    }
    long from = instant("start_date", start, false);
    long to = instant("end_date", end, true);
    if (to < from) {
      throw ApiError.badRequest("end_date " + end + " is before start_date " + start, "end_date");
    }
    for (String unsupported : List.of("error_code", "error_message", "cache_hit_filter")) {
      if (QueryParams.text(params, unsupported) != null) {
        throw ApiError.badRequest("the '" + unsupported + "' filter of /spend/logs/ui is not supported by Tollgate "
            + "yet", unsupported);
      }
    }
    String sortBy = QueryParams.text(params, "sort_by");
    if (sortBy != null && !sortBy.equals("startTime")) {
      throw ApiError.badRequest("sort_by must be startTime (the only order Tollgate serves), got '" + sortBy + "'",
          "sort_by");
    }
    String order = QueryParams.text(params, "sort_order");
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw ApiError.badRequest("sort_order must be asc or desc, got '" + order + "'", "sort_order");
    }
    StringBuilder where = new StringBuilder("start_time >= ? AND start_time <= ?");
    List<Object> args = new ArrayList<>(List.of(from, to));
    String key = QueryParams.text(params, "api_key");
    add(where, args, "api_key = ?", key == null ? null : Keys.toHash(key));
    add(where, args, "team_id = ?", QueryParams.text(params, "team_id"));
    add(where, args, "user_id = ?", QueryParams.text(params, "user_id"));
    add(where, args, "end_user = ?", QueryParams.text(params, "end_user"));
    add(where, args, "request_id = ?", QueryParams.text(params, "request_id"));
    add(where, args, "session_id = ?", QueryParams.text(params, "session_id"));
    add(where, args, "model_id = ?", QueryParams.text(params, "model_id"));
    String model = QueryParams.text(params, "model");
    if (model != null) { // LiteLLM matches its model column; the dashboard knows model groups: either matches
      where.append(" AND (model_group = ? OR model = ?)");
      args.add(model);
      args.add(model);
    }
    String status = QueryParams.text(params, "status_filter");
    if (status != null) {
      if (status.equals("success")) { // as LiteLLM: rows written before status existed count as successes
        where.append(" AND (status = 'success' OR status IS NULL)");
      } else if (status.equals("failure")) { // a literal: the databases match it to the failures-only index (V8)
        where.append(" AND status = 'failure'");
      } else {
        add(where, args, "status = ?", status);
      }
    }
    add(where, args, "spend >= ?", money(params, "min_spend"));
    add(where, args, "spend <= ?", money(params, "max_spend"));
    int page = QueryParams.whole(params, "page", 1, 1, Integer.MAX_VALUE);
    int size = QueryParams.whole(params, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    return new SpendLogFilter(where.toString(), args, QueryParams.text(params, "key_alias"), page, size, "asc".equals(order));
  }

  /** This filter narrowed to one key hash (a resolved {@code key_alias}). */
  SpendLogFilter withKeyHash(String hash) {
    List<Object> more = new ArrayList<>(args);
    more.add(hash);
    return new SpendLogFilter(where + " AND api_key = ?", more, null, page, pageSize, ascending);
  }

  long offset() {
    return (long) (page - 1) * pageSize;
  }

  /**
   * LiteLLM's {@code YYYY-MM-DD HH:MM:SS} (UTC; an ISO {@code T} separator is accepted too) as epoch millis; a
   * date alone is the start of that day, or for {@code end_date} its last millisecond.
   */
  static long instant(String name, String value, boolean endOfDay) {
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        long start = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return endOfDay ? start + SpendReports.DAY_MS - 1 : start;
      }
      String normal = value.replace('T', ' ');
      if (normal.endsWith("Z")) {
        normal = normal.substring(0, normal.length() - 1);
      }
      if (normal.length() > 19) { // fractional seconds: LiteLLM's format has none; keep whole seconds
        normal = normal.substring(0, 19);
      }
      return LocalDateTime.parse(normal, LITELLM_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw ApiError.badRequest(name + " must be 'YYYY-MM-DD HH:MM:SS' (UTC) or 'YYYY-MM-DD', got '" + value + "'",
          name);
    }
  }


  private static void add(StringBuilder where, List<Object> args, String clause, Object value) {
    if (value != null) {
      where.append(" AND ").append(clause);
      args.add(value);
    }
  }

  private static Double money(MultiMap params, String name) {
    String v = QueryParams.text(params, name);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a number (USD), got '" + v + "'", name);
    }
  }

}
