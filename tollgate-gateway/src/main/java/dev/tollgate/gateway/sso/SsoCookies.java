package dev.tollgate.gateway.sso;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The two short-lived cookies of a login, both HttpOnly and SameSite=Lax (sent on the provider's top-level redirect
 * back, never on another site's background request), Secure when the gateway's URL is https:
 * {@value #FLOW} (path {@code /sso}, 10 minutes) carries the {@link LoginFlow} from the start to the callback;
 * {@value #HANDOFF} (path {@code /sso/session}, 2 minutes) carries the new session key from the callback to the
 * dashboard, which reads it once with {@code POST /sso/session}. So the key is never in a URL, a log or the history.
 */
final class SsoCookies {
  static final String FLOW = "tollgate_sso_flow";
  static final String FLOW_PATH = "/sso";
  static final long FLOW_SECONDS = 600;
  static final String HANDOFF = "tollgate_sso_session";
  static final String HANDOFF_PATH = "/sso/session";
  static final long HANDOFF_SECONDS = 120;

  private SsoCookies() {}

  static String read(HttpServerRequest request, String name) {
    Cookie c = request.getCookie(name);
    return c == null ? null : c.getValue();
  }

  static void set(HttpServerResponse response, String name, String value, String path, long maxAgeSeconds,
      boolean secure) {
    response.addCookie(Cookie.cookie(name, value).setPath(path).setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds));
  }

  /** Tells the browser to drop the cookie (empty value, expired). */
  static void clear(HttpServerResponse response, String name, String path, boolean secure) {
    set(response, name, "", path, 0, secure);
  }
}
