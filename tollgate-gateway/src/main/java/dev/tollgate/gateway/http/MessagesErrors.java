package dev.tollgate.gateway.http;

import dev.tollgate.providers.anthropic.inbound.AnthropicErrorBody;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors on the Anthropic-format routes ({@code /v1/messages}), in Anthropic's shape
 * ({@link AnthropicErrorBody}) with the same status the OpenAI routes use: auth failures, budget and rate-limit
 * refusals, bad input, unknown models and provider failures. The route's first handler ({@link #use}) marks the
 * request, so the shared stages (key auth, call start, the failure handler) answer in this shape through
 * {@link ErrorResponses#send(RoutingContext, Throwable)}.
 */
final class MessagesErrors {
  private static final Logger LOG = LoggerFactory.getLogger(MessagesErrors.class);
  private static final String CONTEXT_KEY = "tollgate.errors.anthropic";

  private MessagesErrors() {}

  /**
   * The first handler of an Anthropic-format route. A platform handler, as Vert.x requires of anything that runs
   * before the key check and the body handler.
   */
  static Handler<RoutingContext> use() {
    return new Marker();
  }

  private static final class Marker implements io.vertx.ext.web.handler.PlatformHandler {
    @Override
    public void handle(RoutingContext ctx) {
      ctx.put(CONTEXT_KEY, Boolean.TRUE);
      ctx.next();
    }
  }

  static boolean used(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(CONTEXT_KEY));
  }

  static void send(HttpServerResponse response, Throwable error) {
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    Throwable cause = ErrorResponses.unwrap(error);
    if (cause instanceof ProviderException provider) {
      ErrorResponses.retryAfter(response, provider);
    }
    int status = status(cause);
    response.setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(Json.write(AnthropicErrorBody.of(status, message(cause)))));
  }

  /** The error as an Anthropic {@code event: error} SSE event, for failures after a stream has started. */
  static Buffer streamEvent(Throwable error) {
    Throwable cause = ErrorResponses.unwrap(error);
    return Buffer.buffer(AnthropicErrorBody.event(status(cause), message(cause)));
  }

  private static int status(Throwable cause) {
    if (cause instanceof ApiError api) {
      return api.status();
    }
    return cause instanceof ProviderException provider ? provider.status() : 500;
  }

  private static String message(Throwable cause) {
    if (cause instanceof ApiError || cause instanceof ProviderException) {
      return cause.getMessage();
    }
    LOG.error("unexpected error while serving a request", cause);
    return "Tollgate hit an internal error; the details are in the gateway log.";
  }
}
