package dev.tollgate.core.transport;

import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs adapters' {@link HttpCall}s over the JDK {@link HttpClient} (connection pooling, keep-alive, HTTP/2 where the
 * server offers it). I/O failures become typed errors: timeouts {@link TimeoutException}, the rest
 * {@link APIConnectionException}.
 */
public final class JdkHttpTransport {
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
  private final HttpClient client;

  public JdkHttpTransport() {
    this(HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build());
  }

  public JdkHttpTransport(HttpClient client) {
    this.client = client;
  }

  public HttpReply send(HttpCall call, String provider, String model) {
    try {
      return sendAsync(call, provider, model).join();
    } catch (CompletionException e) {
      throw unwrap(e, provider, model);
    }
  }

  public CompletableFuture<HttpReply> sendAsync(HttpCall call, String provider, String model) {
    return client.sendAsync(request(call), HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, error) -> {
          if (error != null) {
            throw unwrap(error, provider, model);
          }
          return new HttpReply(response.statusCode(), response.headers().map(), response.body());
        });
  }

  /** Sends the call and returns once the status and headers have arrived; the body is read as it streams. */
  public StreamingReply openStream(HttpCall call, String provider, String model) {
    try {
      HttpResponse<InputStream> response = client.send(request(call), HttpResponse.BodyHandlers.ofInputStream());
      return new StreamingReply(response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new APIConnectionException("interrupted while calling " + provider, provider, model, e);
    } catch (IOException e) {
      throw unwrap(e, provider, model);
    }
  }

  /**
   * As {@link #openStream} without blocking: completes once the status and headers have arrived. A 2xx body is read
   * as it streams; an error body is buffered whole (without blocking a thread) so the caller can map it.
   */
  public CompletableFuture<StreamingReply> openStreamAsync(HttpCall call, String provider, String model) {
    HttpResponse.BodyHandler<InputStream> handler = info -> info.statusCode() >= 200 && info.statusCode() < 300
        ? HttpResponse.BodySubscribers.ofInputStream()
        : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
            bytes -> (InputStream) new java.io.ByteArrayInputStream(bytes));
    return client.sendAsync(request(call), handler)
        .handle((response, error) -> {
          if (error != null) {
            throw unwrap(error, provider, model);
          }
          return new StreamingReply(response.statusCode(), response.headers().map(), response.body());
        });
  }

  private static HttpRequest request(HttpCall call) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(call.url()))
        .method(call.method(), call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    if (call.timeout() != null) {
      builder.timeout(call.timeout());
    }
    call.headers().forEach((name, value) -> {
      if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        builder.header(name, value);
      }
    });
    return builder.build();
  }

  static ProviderException unwrap(Throwable error, String provider, String model) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ProviderException typed) {
      return typed;
    }
    if (cause instanceof HttpTimeoutException) {
      return new TimeoutException("request to " + provider + " timed out: " + cause.getMessage(), provider, model, cause);
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new APIConnectionException("cannot reach " + provider + ": " + detail, provider, model, cause);
  }
}
