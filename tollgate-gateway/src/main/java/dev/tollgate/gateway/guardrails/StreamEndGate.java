package dev.tollgate.gateway.guardrails;

import io.vertx.core.Future;
import java.util.List;

/**
 * A stream relay that holds back the end of its stream until something asynchronous has answered: the gateway's
 * stream relay asks {@link #release} once the upstream is complete, writes the frames it completes with and then the
 * stream's end, or ends the stream with the failure's error event.
 */
public interface StreamEndGate {
  /** True when this relay holds back its end; false: end as usual. */
  boolean gatesEnd();

  /** The frames held back, once they may go; fails with the error that cuts the stream instead. */
  Future<List<byte[]>> release();
}
