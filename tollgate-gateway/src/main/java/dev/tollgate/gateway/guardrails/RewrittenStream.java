package dev.tollgate.gateway.guardrails;

import java.util.List;

/**
 * A stream relay whose frames to the client may differ from the upstream's (post-call masks rewrite texts). The
 * gateway's stream relay then counts, caches and stores what the upstream sent from {@link #takeUpstreamFrames}: the
 * response cache keeps the answer as the upstream gave it (every hit passes its own guardrails), and a stream without
 * usage is priced by the upstream's text, not the masked one.
 */
public interface RewrittenStream {
  /** True when the frames may be rewritten; false: the relayed frames are the upstream's. */
  boolean rewrites();

  /** The upstream relay's frames since the last call, in order (then forgotten). */
  List<byte[]> takeUpstreamFrames();
}
