package dev.tollgate.gateway.activity;

import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.QueryParams;
import dev.tollgate.gateway.keys.Keys;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The query of a daily-activity request, checked: {@code start_date} and {@code end_date} (required,
 * {@code YYYY-MM-DD},
 * UTC days, both included), {@code model}, {@code api_key} (a key or its hash), the kind's entity ids and excluded ids,
 * {@code page} and {@code page_size} (paged endpoints), and {@code timezone} (minutes, as JavaScript's
 * {@code getTimezoneOffset}; checked but without effect, as in LiteLLM, whose stored days are UTC days that a past
 * date maps onto unchanged). A bad value is a 400 naming its parameter.
 *
 * @param ids the entities asked for, or null for every one the caller may see
 * @param excluded entities to leave out (never null)
 * @param apiKey the key hash to narrow to, or null
 */
public record ActivityRequest(ActivityKind kind, LocalDate start, LocalDate end, String model, String apiKey,
    List<String> ids, List<String> excluded, int page, int pageSize) {
  static final int MAX_PAGE_SIZE = 1000;
  static final int MAX_IDS = 1000;

  public ActivityRequest {
    ids = ids == null ? null : List.copyOf(ids);
    excluded = List.copyOf(excluded);
  }

  /** The same request over other entity ids (the ones the caller may see). */
  ActivityRequest withIds(List<String> visible) {
    return new ActivityRequest(kind, start, end, model, apiKey, visible, excluded, page, pageSize);
  }

  public static ActivityRequest parse(ActivityKind kind, MultiMap params) {
    String from = QueryParams.text(params, "start_date");
    String to = QueryParams.text(params, "end_date");
    if (from == null || to == null) {
      String missing = from == null ? "start_date" : "end_date";
      throw ApiError.badRequest("Please provide start_date and end_date (YYYY-MM-DD); " + missing + " is missing",
          missing);
    }
    LocalDate start = date("start_date", from);
    LocalDate end = date("end_date", to);
    if (end.isBefore(start)) {
      throw ApiError.badRequest("end_date " + end + " is before start_date " + start, "end_date");
    }
    String key = QueryParams.text(params, "api_key");
    List<String> ids = ids(kind.idsParam(), QueryParams.text(params, kind.idsParam()), kind.singleId());
    List<String> excluded = kind.excludeParam() == null ? List.of()
        : ids(kind.excludeParam(), QueryParams.text(params, kind.excludeParam()), false);
    int page = QueryParams.whole(params, "page", 1, 1, Integer.MAX_VALUE);
    int pageSize = QueryParams.whole(params, "page_size", kind.defaultPageSize(), 1, MAX_PAGE_SIZE);
    QueryParams.whole(params, "timezone", 0, -1440, 1440);
    return new ActivityRequest(kind, start, end, QueryParams.text(params, "model"),
        key == null ? null : Keys.toHash(key), ids,
        excluded == null ? List.of() : excluded, page, pageSize);
  }


  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name + " must be a date as YYYY-MM-DD, got '" + value + "'", name);
    }
  }

  private static List<String> ids(String name, String value, boolean single) {
    if (value == null) {
      return null;
    }
    List<String> list = single ? List.of(value)
        : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    if (list.size() > MAX_IDS) {
      throw ApiError.badRequest(name + " names " + list.size() + " ids; at most " + MAX_IDS + " are allowed", name);
    }
    return list.isEmpty() ? null : list;
  }

}
