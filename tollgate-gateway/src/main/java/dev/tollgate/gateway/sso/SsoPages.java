package dev.tollgate.gateway.sso;

import io.vertx.core.http.HttpServerResponse;

/**
 * The HTML pages a browser sees when a sign-in cannot go on: a heading, the reason in plain words, and the ways back
 * (start again, or log in with a key). Every text is escaped; no script runs; nothing internal is shown.
 */
final class SsoPages {
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
      + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  /** Where the error page's "log in with a key" link goes (the login page without an automatic SSO redirect). */
  static final String KEY_LOGIN = "/ui/#/login/key";

  private SsoPages() {}

  static void error(HttpServerResponse response, SsoFailure failure, boolean offerRetry) {
    String retry = offerRetry ? "<a href=\"/sso/key/generate\">Sign in with SSO again</a> · " : "";
    send(response, failure.status(), failure.title(), "<p>" + escape(failure.getMessage()) + "</p>"
        + "<p>" + retry + "<a href=\"" + KEY_LOGIN + "\">Log in with a key</a></p>");
  }

  static void notConfigured(HttpServerResponse response) {
    error(response, new SsoFailure(404, "Single sign-on is not configured",
        "This gateway has no SSO provider: set GENERIC_CLIENT_ID (or GOOGLE_CLIENT_ID, MICROSOFT_CLIENT_ID) and its "
        + "companions, see docs/ui.md. You can log in with the master key or a virtual key."), false);
  }

  private static void send(HttpServerResponse response, int status, String title, String body) {
    if (response.ended() || response.headWritten()) {
      return;
    }
    String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + escape(title) + " · Tollgate</title>"
        + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;"
        + "color:#1b1f24}h1{font-size:1.4rem}a{color:#0b57d0}</style></head><body><main>"
        + "<h1>" + escape(title) + "</h1>" + body + "</main></body></html>\n";
    response.setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .end(html);
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
