package dev.tollgate.gateway.sso;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Map;

/**
 * The gateway's non-blocking calls to the identity provider (Vert.x HTTP client): 10 s connect and idle timeouts,
 * replies of at most {@value #MAX_REPLY_BYTES} bytes. A connection failure or timeout becomes an {@link SsoFailure} naming the
 * endpoint, never an exception page.
 */
final class OidcHttp {
  static final int MAX_REPLY_BYTES = 1 << 20;
  static final long TIMEOUT_MILLIS = 10_000;
  private final HttpClient client;

  OidcHttp(Vertx vertx) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MILLIS)
        .setKeepAlive(true).setDecompressionSupported(true));
  }

  /** A reply: status, content type (lowercase, may be empty) and body. */
  record Reply(int status, String contentType, Buffer body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  Future<Reply> send(HttpMethod method, URI uri, Map<String, String> headers, Buffer body, String what) {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(uri.toString())
        .setConnectTimeout(TIMEOUT_MILLIS).setIdleTimeout(TIMEOUT_MILLIS);
    headers.forEach(options::putHeader);
    return client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> {
          String length = response.getHeader("content-length");
          if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_REPLY_BYTES) {
            return Future.failedFuture(SsoFailure.provider("The " + what + " answered more than "
                + MAX_REPLY_BYTES + " bytes."));
          }
          String type = response.getHeader("content-type");
          return response.body().compose(b -> b.length() > MAX_REPLY_BYTES
              ? Future.failedFuture(SsoFailure.provider("The " + what + " answered more than " + MAX_REPLY_BYTES
                  + " bytes."))
              : Future.succeededFuture(new Reply(response.statusCode(),
                  type == null ? "" : type.toLowerCase(java.util.Locale.ROOT), b)));
        })
        .recover(e -> Future.failedFuture(e instanceof SsoFailure ? e : SsoFailure.provider(
            "Could not reach the identity provider's " + what + " (" + uri.getScheme() + "://" + uri.getAuthority()
            + uri.getPath() + "): " + describe(e))));
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  Future<Void> close() {
    return client.close();
  }
}
