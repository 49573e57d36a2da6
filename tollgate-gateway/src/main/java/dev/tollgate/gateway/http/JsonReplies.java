package dev.tollgate.gateway.http;

import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one non-streaming upstream call and answers the client with the adapter's OpenAI-format body (the upstream
 * bytes themselves when no translation is needed) or its typed error.
 */
final class JsonReplies {
  private static final Logger LOG = LoggerFactory.getLogger(JsonReplies.class);

  private JsonReplies() {}

  static void forward(
      VertxUpstream upstream,
      HttpCall call,
      CallTarget target,
      HttpServerResponse response,
      BiFunction<HttpReply, CallTarget, ProviderException> error,
      BiFunction<HttpReply, CallTarget, byte[]> body) {
    upstream.send(call, target.provider(), target.model()).onComplete(done -> {
      try {
        if (done.failed()) {
          ErrorResponses.send(response, done.cause());
          return;
        }
        HttpReply reply = done.result();
        if (LOG.isDebugEnabled()) {
          LOG.debug("upstream {} answered {} ({} bytes)", target.provider(), reply.status(), reply.body().length);
        }
        if (!reply.isSuccess()) {
          ErrorResponses.send(response, error.apply(reply, target));
          return;
        }
        response.putHeader("content-type", "application/json").end(Buffer.buffer(body.apply(reply, target)));
      } catch (RuntimeException e) {
        ErrorResponses.send(response, e);
      }
    });
  }
}
