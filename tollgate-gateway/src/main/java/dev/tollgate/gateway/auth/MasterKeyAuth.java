package dev.tollgate.gateway.auth;

import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Admits requests that carry the master key in any header LiteLLM reads it from ({@code Authorization: Bearer},
 * {@code x-litellm-api-key}, {@code api-key}, {@code x-api-key}, or {@code general_settings.litellm_key_header_name}).
 * The comparison takes the same time whatever the key. It is a platform-phase handler so that it runs before the body
 * is read: an unauthenticated caller cannot make the gateway buffer its body.
 */
public final class MasterKeyAuth implements PlatformHandler {
  private final byte[] masterKey;
  private final String customHeader;

  public MasterKeyAuth(String masterKey, String customHeader) {
    this.masterKey = masterKey.getBytes(StandardCharsets.UTF_8);
    this.customHeader = customHeader;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String key = presentedKey(ctx.request(), customHeader);
    if (key == null || key.isBlank()) {
      ErrorResponses.send(ctx.response(), ApiError.auth(
          "Authentication Error, No api key passed in. Send 'Authorization: Bearer <key>'."));
      return;
    }
    if (!MessageDigest.isEqual(masterKey, key.getBytes(StandardCharsets.UTF_8))) {
      ErrorResponses.send(ctx.response(), ApiError.auth(
          "Authentication Error, Invalid proxy server token passed. Received API key ending in '"
              + tail(key) + "'."));
      return;
    }
    ctx.next();
  }

  /** The key a request presents, or null. */
  public static String presentedKey(HttpServerRequest request, String customHeader) {
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

  private static String tail(String key) {
    return key.length() <= 4 ? "****" : key.substring(key.length() - 4);
  }
}
