package dev.tollgate.gateway.auth;

import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.RequesterIp;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.Ids;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * Spend rows for LLM requests that {@link KeyAuth} refused for a known key (blocked, expired, over its
 * {@code max_budget}, team blocked, route not allowed): status {@code failure}, cost 0, the error in the metadata's
 * {@code error_information}, as LiteLLM logs auth failures on LLM routes. The body is not read yet, so the row has no
 * model. Unknown keys leave no row: there is no key to attribute it to, and a client without a key must not be able
 * to make the gateway write.
 */
public final class RefusedCalls {
  private final Consumer<CallRecord> sink;

  /** @param sink where completed records go (the spend writer) */
  public RefusedCalls(Consumer<CallRecord> sink) {
    this.sink = sink;
  }

  /** Writes (through the sink) the failure row of a refused call of {@code callType} by {@code key}. */
  void record(RoutingContext ctx, String callType, VirtualKey key, ApiError error) {
    long now = System.currentTimeMillis();
    CallRecord r = new CallRecord(Ids.timeOrderedUuid(now), callType, now, key.token(), key);
    r.requesterIp = RequesterIp.of(ctx);
    r.failed(error);
    r.onComplete(sink);
    r.complete(error.status(), false);
  }
}
