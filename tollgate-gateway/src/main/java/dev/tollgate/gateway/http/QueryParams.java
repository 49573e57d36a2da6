package dev.tollgate.gateway.http;

import io.vertx.core.MultiMap;

/** Reading query parameters of the management API: blank means absent, and a bad value is a 400 naming it. */
public final class QueryParams {
  private QueryParams() {}

  /** The parameter stripped of surrounding spaces, or null when absent or blank. */
  public static String text(MultiMap params, String name) {
    String v = params.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** A whole number in {@code [min, max]}, {@code fallback} when absent; anything else is a 400. */
  public static int whole(MultiMap params, String name, int fallback, int min, int max) {
    String v = text(params, name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'",
          name);
    }
  }
}
