package dev.tollgate.gateway.http;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.providers.types.Usage;
import io.vertx.core.http.HttpServerResponse;

/**
 * Ends a successful call's record just before its response ends: prices the usage, sets
 * {@code x-litellm-response-cost} and {@code x-litellm-key-spend} (when the head is not written yet) and completes the
 * record, so that the key's pending spend includes this call before the client has the answer.
 */
final class CallEnd {
  private final ControlPlane plane;

  CallEnd(ControlPlane plane) {
    this.plane = plane;
  }

  void success(HttpServerResponse response, CallRecord record, Usage usage) {
    if (record == null) {
      return;
    }
    record.usage(usage);
    boolean headOpen = !response.headWritten();
    if (headOpen) {
      response.putHeader(HeaderNames.RESPONSE_COST, Double.toString(record.cost));
    }
    record.complete(200, false);
    if (headOpen && record.virtualKey != null) {
      response.putHeader(HeaderNames.KEY_SPEND, Double.toString(plane.currentSpend(record.virtualKey)));
    }
  }

  /** Records the failure (the context's end handler completes the record with the status sent). */
  static void failed(CallRecord record, Throwable error) {
    if (record != null) {
      record.failed(error);
    }
  }
}
