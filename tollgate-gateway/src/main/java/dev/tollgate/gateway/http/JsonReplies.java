package dev.tollgate.gateway.http;

import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.calls.UsageScanner;
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
      BiFunction<HttpReply, CallTarget, byte[]> body,
      CallRecord record,
      CallEnd end) {
    upstream.send(call, target.provider(), target.model()).onComplete(done -> {
      try {
        if (done.failed()) {
          CallEnd.failed(record, done.cause());
          ErrorResponses.send(response, done.cause());
          return;
        }
        HttpReply reply = done.result();
        if (LOG.isDebugEnabled()) {
          LOG.debug("upstream {} answered {} ({} bytes)", target.provider(), reply.status(), reply.body().length);
        }
        if (!reply.isSuccess()) {
          ProviderException failure = error.apply(reply, target);
          CallEnd.failed(record, failure);
          ErrorResponses.send(response, failure);
          return;
        }
        byte[] bytes = body.apply(reply, target);
        if (response.closed()) {
          return; // the client went away; its record completed as a failure
        }
        if (record != null && record.storePrompts) {
          record.response = dev.tollgate.gateway.calls.PromptCapture.response(bytes);
        }
        end.success(response, record, UsageScanner.usage(bytes));
        response.putHeader("content-type", "application/json").end(Buffer.buffer(bytes));
      } catch (RuntimeException e) {
        CallEnd.failed(record, e);
        ErrorResponses.send(response, e);
      }
    });
  }
}
