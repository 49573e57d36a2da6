package dev.tollgate.gateway.http;

import dev.tollgate.providers.types.Usage;

/**
 * Watches a relayed stream without changing it: every frame the client was sent, then, only when the stream completed
 * normally, its usage. The response cache uses one to assemble a streamed answer for storing.
 */
interface StreamTap {
  void frame(byte[] frame);

  /** The stream completed normally with {@code usage} (reported or estimated). */
  void completed(Usage usage);
}
