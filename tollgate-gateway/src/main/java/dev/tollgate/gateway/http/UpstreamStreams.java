package dev.tollgate.gateway.http;

import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import io.vertx.core.Future;
import java.util.function.BiFunction;

/**
 * Opens a streamed upstream call for one routed attempt: succeeds with the open reply (body paused) once the upstream
 * answers 2xx, so the router's retries and fallbacks end there; any other status is read, mapped to the adapter's
 * typed error and fails the attempt, so the router can retry or fall back. Shared by the chat and messages handlers.
 */
final class UpstreamStreams {
  private UpstreamStreams() {}

  static Future<VertxUpstream.OpenReply> open(VertxUpstream upstream, HttpCall call, CallTarget target,
      BiFunction<HttpReply, CallTarget, ProviderException> error) {
    return upstream.open(call, target).compose(reply -> {
      if (reply.status() >= 200 && reply.status() < 300) {
        return Future.succeededFuture(reply);
      }
      Future<VertxUpstream.OpenReply> failed = reply.response().body().transform(read -> {
        reply.cancelTimer();
        byte[] bytes = read.succeeded() ? read.result().getBytes() : new byte[0];
        return Future.failedFuture(error.apply(new HttpReply(reply.status(), reply.headers(), bytes), target));
      });
      reply.response().resume();
      return failed;
    });
  }
}
