package dev.tollgate.providers.spi;

import java.util.List;

/**
 * Turns the bytes of one upstream stream into the OpenAI SSE frames a gateway sends its client
 * ({@code data: <chat.completion.chunk>\n\n}; the final {@code data: [DONE]} is the gateway's to write). Stateful,
 * one per stream, pure. Throws a ProviderException when the upstream sends an error event.
 */
public interface ChatStreamRelay {
  /**
   * The complete frames these bytes finish, in order (possibly none). A frame may be {@code bytes} itself (a relay
   * that passes events through unchanged): the caller hands over the array and does not change it afterwards; nor
   * does anyone change a frame once returned.
   */
  List<byte[]> feed(byte[] bytes);

  /** True once the provider's end-of-stream marker has been seen. */
  boolean isDone();

  /** True once a chunk with a finish reason has been seen. */
  boolean sawFinish();

  /** The last non-null {@code usage} the stream carried so far, or null when none arrived (yet). */
  default dev.tollgate.providers.types.Usage usage() {
    return null;
  }

  /**
   * Stops forwarding the usage-only chunk ({@code "choices": []} with a usage object): for a gateway that asked the
   * upstream for usage ({@code stream_options.include_usage}) on behalf of a client that did not. The usage is still
   * read and reported by {@link #usage()}. Relays that never add such a chunk ignore this.
   */
  default void hideUsageChunk() {}
}
