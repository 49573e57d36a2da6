package dev.tollgate.gateway.guardrails;

import io.vertx.core.Future;
import java.util.List;

/**
 * The post-call masks of one stream, between the upstream relay's frames and the client ({@link GuardedStreamRelay}):
 * {@link WindowedMasks} send each text masked as it flows, a window behind; {@link WholeMasks} hold the whole answer
 * and send it masked at its end. Either way only the texts change: every other frame and field passes as it came.
 */
interface StreamMasks {
  /** The frames to send for the upstream's next {@code frames} (fewer or rewritten while text is held back). */
  List<byte[]> rewrite(List<byte[]> frames);

  /**
   * The upstream is complete: the frames still held back, once they may go (after the rewritten ones); fails with the
   * error that cuts the stream instead (a block, or a remote guardrail that fails closed).
   */
  Future<List<byte[]>> release();
}
