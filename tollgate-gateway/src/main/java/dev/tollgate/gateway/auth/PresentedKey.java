package dev.tollgate.gateway.auth;

import io.vertx.core.http.HttpServerRequest;

/**
 * The key a request presents, from the headers LiteLLM reads ({@code Authorization: Bearer}, {@code x-litellm-api-key},
 * {@code api-key}, {@code x-api-key}, or {@code general_settings.litellm_key_header_name} first).
 */
public final class PresentedKey {
  private PresentedKey() {}

  /** The key, or null when the request carries none. */
  public static String of(HttpServerRequest request, String customHeader) {
    if (customHeader != null) {
      String value = request.getHeader(customHeader);
      if (value != null) {
        return stripBearer(value);
      }
    }
    String auth = request.getHeader("authorization");
    if (auth != null) {
      return stripBearer(auth);
    }
    for (String header : new String[] {"x-litellm-api-key", "api-key", "x-api-key"}) {
      String value = request.getHeader(header);
      if (value != null) {
        return stripBearer(value);
      }
    }
    return null;
  }

  private static String stripBearer(String value) {
    String v = value.trim();
    return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).trim() : v;
  }
}
