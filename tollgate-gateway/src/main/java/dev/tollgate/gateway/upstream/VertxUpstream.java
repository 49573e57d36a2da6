package dev.tollgate.gateway.upstream;

import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.spi.CallTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs adapters' {@link HttpCall}s over Vert.x's non-blocking HTTP client (pooled keep-alive connections). The whole
 * call is bounded by the call's timeout until the reply head arrives; I/O failures become typed errors.
 *
 * <p>Every upstream, {@code http} or {@code https}, is called over HTTP/1.1, whatever the server offers by ALPN. HTTP/2
 * was tried (docs/benchmarks.md, "Upstream TLS"): bursts of streams finished about twice as fast over a few shared
 * connections, but Vert.x 5.0.7's client closes an HTTP/2 connection (GOAWAY {@code ENHANCE_YOUR_CALM}) once it has
 * sent 200 stream resets in 30 s, and cancelling streams that are still sending (clients that went away) sends them,
 * so every other stream on that connection failed ({@code VertxUpstreamTlsTest} keeps that case). Certificates of
 * {@code https} upstreams are checked as {@link UpstreamTls} says.
 */
public final class VertxUpstream {
  /**
   * Connections one event loop may hold to one upstream host. Every open stream holds a connection for its whole
   * length, so this bounds concurrent streams per host; it is high so that the provider, not the gateway, limits them.
   */
  static final int MAX_CONNECTIONS_PER_UPSTREAM = 8192;
  private final Vertx vertx;
  private final HttpClient client;
  private final UpstreamUrls urls = new UpstreamUrls();
  private final java.util.concurrent.ConcurrentHashMap<JsonNode, ClientSSLOptions> deploymentTrust =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A client whose {@code https} upstreams are checked against the JDK's certificate authorities. */
  public VertxUpstream(Vertx vertx) {
    this(vertx, UpstreamTls.DEFAULT);
  }

  public VertxUpstream(Vertx vertx, UpstreamTls trust) {
    this.vertx = vertx;
    this.client = vertx.httpClientBuilder()
        .with(trust.apply(new HttpClientOptions()
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout(10_000)
            .setDecompressionSupported(true)))
        .with(new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_UPSTREAM).setMaxWaitQueueSize(-1))
        .build();
  }

  /** Sends a deployment's call and collects the whole reply; the deployment's own {@code ssl_verify} applies. */
  public Future<HttpReply> send(HttpCall call, CallTarget target) {
    return send(call, target.provider(), target.model(), trustOf(target));
  }

  /** Sends a deployment's call and completes when the reply head arrives (see {@link #open(HttpCall, String, String)}). */
  public Future<OpenReply> open(HttpCall call, CallTarget target) {
    return open(call, target.provider(), target.model(), trustOf(target));
  }

  /** Sends a call and collects the whole reply. */
  public Future<HttpReply> send(HttpCall call, String provider, String model) {
    return send(call, provider, model, null);
  }

  private Future<HttpReply> send(HttpCall call, String provider, String model, ClientSSLOptions trust) {
    return open(call, provider, model, trust).compose(open -> {
      Promise<HttpReply> done = Promise.promise();
      open.response().body().onComplete(body -> {
        open.cancelTimer();
        if (body.succeeded()) {
          done.complete(new HttpReply(open.response().statusCode(), headers(open.response()), body.result().getBytes()));
        } else {
          done.fail(failure(body.cause(), provider, model, open.timedOut()));
        }
      });
      open.response().resume();
      return done.future();
    });
  }

  /**
   * Sends a call and completes when the reply head arrives; the caller then reads the body from
   * {@link OpenReply#response()} (paused until it sets a handler and resumes it) and may {@link OpenReply#cancel()}.
   */
  public Future<OpenReply> open(HttpCall call, String provider, String model) {
    return open(call, provider, model, null);
  }

  /**
   * A deployment's {@code ssl_verify} as request options, or null for the client's own. Made once per distinct value,
   * without touching the file system (no I/O on the event loop): the config check already refused a bundle that
   * cannot be read.
   */
  private ClientSSLOptions trustOf(CallTarget target) {
    JsonNode sslVerify = target.settings().get("ssl_verify");
    if (sslVerify == null || sslVerify.isNull()) {
      return null;
    }
    return deploymentTrust.computeIfAbsent(sslVerify,
        value -> UpstreamTls.parse(value, "litellm_params.ssl_verify").requestOptions());
  }

  private Future<OpenReply> open(HttpCall call, String provider, String model, ClientSSLOptions trust) {
    RequestOptions options;
    try {
      options = urls.apply(new RequestOptions().setMethod(HttpMethod.valueOf(call.method())), call.url());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new APIConnectionException("cannot call " + provider + ": " + e.getMessage(),
          provider, model, e));
    }
    if (trust != null) {
      options.setSslOptions(trust);
    }
    call.headers().forEach((name, value) -> {
      if (!HopByHopHeaders.dropped(name)) {
        options.putHeader(name, value);
      }
    });
    if (call.timeout() != null) {
      // bounds getting the request too: waiting for a pooled connection, connecting, the TLS handshake
      options.setConnectTimeout(call.timeout().toMillis());
    }
    Promise<OpenReply> promise = Promise.promise();
    AtomicBoolean timedOut = new AtomicBoolean();
    client.request(options).onComplete(requested -> {
      if (requested.failed()) {
        String address = options.getHost() + ":" + options.getPort();
        promise.tryFail(failure(requested.cause(), provider, model, false, address));
        return;
      }
      HttpClientRequest request = requested.result();
      long timer = call.timeout() == null ? -1 : vertx.setTimer(call.timeout().toMillis(), id -> {
        timedOut.set(true);
        request.reset();
        promise.tryFail(new TimeoutException(
            provider + " did not answer within " + call.timeout().toMillis() + " ms", provider, model));
      });
      request.exceptionHandler(e -> promise.tryFail(failure(e, provider, model, timedOut.get())));
      Future<HttpClientResponse> sent = call.body() == null ? request.send() : request.send(Buffer.buffer(call.body()));
      sent.onComplete(response -> {
        if (response.failed()) {
          if (timer >= 0) {
            vertx.cancelTimer(timer);
          }
          promise.tryFail(failure(response.cause(), provider, model, timedOut.get()));
          return;
        }
        response.result().pause();
        if (!promise.tryComplete(new OpenReply(vertx, request, response.result(), timer, timedOut))) {
          request.reset();
        }
      });
    });
    return promise.future();
  }

  public Future<Void> close() {
    return client.close();
  }

  static Map<String, List<String>> headers(HttpClientResponse response) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    response.headers().forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  static ProviderException failure(Throwable cause, String provider, String model, boolean timedOut) {
    return failure(cause, provider, model, timedOut, null);
  }

  /**
   * @param address the upstream's host:port, named in the message when the cause does not name it (the native
   *     transports' connect errors say only "Connection refused"); null when it is not known here
   */
  static ProviderException failure(Throwable cause, String provider, String model, boolean timedOut, String address) {
    if (cause instanceof ProviderException typed) {
      return typed;
    }
    if (timedOut) {
      return new TimeoutException(provider + " timed out", provider, model, cause);
    }
    if (cause instanceof java.util.concurrent.TimeoutException) { // no connection or stream within the call's timeout
      return new TimeoutException(provider + " timed out: " + cause.getMessage(), provider, model, cause);
    }
    if (causedByTls(cause)) {
      return new APIConnectionException("cannot reach " + provider + ": the TLS handshake failed: " + rootMessage(cause)
          + " (a server whose certificate the JDK does not trust needs litellm_settings.ssl_verify: the path of its "
          + "CA bundle, or false)", provider, model, cause);
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    Matcher nativeConnect = NATIVE_CONNECT_ERROR.matcher(detail);
    if (nativeConnect.matches()) { // "io_uring connect(..) failed with error(-111): Connection refused"
      detail = nativeConnect.group(1);
    }
    if (address != null && !detail.contains(address)) {
      detail = detail + " (" + address + ")";
    }
    return new APIConnectionException("cannot reach " + provider + ": " + detail, provider, model, cause);
  }

  /** Netty's native connect errors: the system call's name and number before the operating system's words. */
  private static final Pattern NATIVE_CONNECT_ERROR =
      Pattern.compile("(?:io_uring )?connect\\(\\.\\.\\) failed[^:]*: (.+)");

  /** The message of the innermost cause (for a certificate: the JDK's "PKIX path building failed: ..."). */
  private static String rootMessage(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static boolean causedByTls(Throwable cause) {
    for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return true;
      }
    }
    return false;
  }

  /** A reply whose head has arrived; the body is paused until the caller reads it. */
  public record OpenReply(
      Vertx vertx, HttpClientRequest request, HttpClientResponse response, long timer, AtomicBoolean timedOutFlag) {

    public int status() {
      return response.statusCode();
    }

    public Map<String, List<String>> headers() {
      return VertxUpstream.headers(response);
    }

    boolean timedOut() {
      return timedOutFlag.get();
    }

    /** Stops the whole-call timer once the caller handles timing itself (streams). */
    public void cancelTimer() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }

    /** Aborts the upstream request (client went away, or we are done with it). */
    public void cancel() {
      cancelTimer();
      request.reset();
    }
  }
}
