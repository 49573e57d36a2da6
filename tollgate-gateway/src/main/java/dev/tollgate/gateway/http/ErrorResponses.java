package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error in OpenAI's shape {@code {"error":{"message","type","param","code"}}} with the right status.
 * {@code code} is the specific code when there is one ({@code context_length_exceeded}), else the status as a string,
 * as LiteLLM does. Unexpected exceptions become a 500 whose body names no internals.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /**
   * Answers in the error shape of the request's route: Anthropic's on the Anthropic-format routes
   * ({@link MessagesErrors#use}), OpenAI's everywhere else.
   */
  public static void send(io.vertx.ext.web.RoutingContext ctx, Throwable error) {
    if (MessagesErrors.used(ctx)) {
      MessagesErrors.send(ctx.response(), error);
    } else {
      send(ctx.response(), error);
    }
  }

  public static void send(HttpServerResponse response, Throwable error) {
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    Throwable cause = unwrap(error);
    if (cause instanceof ApiError api) {
      write(response, api.status(), api.type(), api.getMessage(), api.param(), null);
    } else if (cause instanceof ProviderException provider) {
      retryAfter(response, provider);
      write(response, provider.status(), provider.type(), provider.getMessage(), provider.param(), provider.code());
    } else {
      LOG.error("unexpected error while serving a request", cause);
      write(response, 500, "internal_server_error",
          "Tollgate hit an internal error; the details are in the gateway log.", null, null);
    }
  }

  /** The {@code retry-after} header of a rate-limit error that says when to retry. */
  static void retryAfter(HttpServerResponse response, ProviderException provider) {
    if (provider instanceof RateLimitException limited) {
      limited.retryAfter().ifPresent(d ->
          response.putHeader("retry-after", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
    }
  }

  public static ObjectNode body(int status, String type, String message, String param, String code) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    if (param == null) {
      error.putNull("param");
    } else {
      error.put("param", param);
    }
    error.put("code", code == null ? Integer.toString(status) : code);
    return root;
  }

  /** The error as an SSE event, for failures after a stream has started. */
  public static Buffer streamEvent(Throwable error) {
    Throwable cause = unwrap(error);
    ObjectNode body = cause instanceof ProviderException p
        ? body(p.status(), p.type(), p.getMessage(), p.param(), p.code())
        : cause instanceof ApiError a
            ? body(a.status(), a.type(), a.getMessage(), a.param(), null)
            : body(500, "internal_server_error", "the stream failed inside Tollgate", null, null);
    return Buffer.buffer("data: " + Json.writeString(body) + "\n\n");
  }

  private static void write(HttpServerResponse response, int status, String type, String message, String param,
      String code) {
    response.setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(Json.write(body(status, type, message, param, code))));
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
