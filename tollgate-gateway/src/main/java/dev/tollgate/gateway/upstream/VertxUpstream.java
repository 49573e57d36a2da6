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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs adapters' {@link HttpCall}s over Vert.x's non-blocking HTTP client (pooled keep-alive connections). The whole
 * call is bounded by the call's timeout until the reply head arrives; I/O failures become typed errors.
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

  public VertxUpstream(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.httpClientBuilder()
        .with(new HttpClientOptions()
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout(10_000)
            .setDecompressionSupported(true))
        .with(new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_UPSTREAM).setHttp2MaxSize(64).setMaxWaitQueueSize(-1))
        .build();
  }

  /** Sends a call and collects the whole reply. */
  public Future<HttpReply> send(HttpCall call, String provider, String model) {
    return open(call, provider, model).compose(open -> {
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
    RequestOptions options;
    try {
      options = urls.apply(new RequestOptions().setMethod(HttpMethod.valueOf(call.method())), call.url());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new APIConnectionException("cannot call " + provider + ": " + e.getMessage(),
          provider, model, e));
    }
    call.headers().forEach(options::putHeader);
    Promise<OpenReply> promise = Promise.promise();
    AtomicBoolean timedOut = new AtomicBoolean();
    client.request(options).onComplete(requested -> {
      if (requested.failed()) {
        promise.tryFail(failure(requested.cause(), provider, model, false));
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
    if (cause instanceof ProviderException typed) {
      return typed;
    }
    if (timedOut) {
      return new TimeoutException(provider + " timed out", provider, model, cause);
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new APIConnectionException("cannot reach " + provider + ": " + detail, provider, model, cause);
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
