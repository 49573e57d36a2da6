package dev.tollgate.gateway.http;

import dev.tollgate.core.router.CallLease;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.calls.UsageScanner;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.Usage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-streaming upstream calls: {@link #send} makes one call for one routed attempt (a 2xx reply becomes the
 * adapter's OpenAI-format body, the upstream bytes themselves when no translation is needed; anything else the
 * adapter's typed error, so the router can retry or fall back), and {@link #answer} answers the client with the body
 * the router settled on.
 */
final class JsonReplies {
  private static final Logger LOG = LoggerFactory.getLogger(JsonReplies.class);

  private JsonReplies() {}

  /** The OpenAI-format body of a 2xx reply; fails with the adapter's typed error otherwise. */
  static Future<byte[]> send(
      VertxUpstream upstream,
      HttpCall call,
      CallTarget target,
      BiFunction<HttpReply, CallTarget, ProviderException> error,
      BiFunction<HttpReply, CallTarget, byte[]> body) {
    return upstream.send(call, target).map(reply -> {
      if (LOG.isDebugEnabled()) {
        LOG.debug("upstream {} answered {} ({} bytes)", target.provider(), reply.status(), reply.body().length);
      }
      if (!reply.isSuccess()) {
        throw error.apply(reply, target);
      }
      return body.apply(reply, target);
    });
  }

  /** Answers with {@code bytes}; ends the record (priced from the body's usage) and the router's lease. */
  static void answer(HttpServerResponse response, byte[] bytes, CallRecord record, CallEnd end, CallLease lease) {
    answer(response, bytes, UsageScanner.usage(bytes), record, end, lease);
  }

  /** Answers with {@code bytes} in any format whose {@code usage} the caller has read. */
  static void answer(HttpServerResponse response, byte[] bytes, Usage usage, CallRecord record, CallEnd end,
      CallLease lease) {
    Leases.finish(lease, usage);
    if (response.closed()) {
      return; // the client went away; its record completed as a failure
    }
    if (record != null && record.storePrompts) {
      record.response = dev.tollgate.gateway.calls.PromptCapture.response(bytes);
    }
    end.success(response, record, usage);
    response.putHeader(HttpHeaders.CONTENT_TYPE, HeaderNames.APPLICATION_JSON)
        .end(Buffer.buffer(bytes));
  }
}
