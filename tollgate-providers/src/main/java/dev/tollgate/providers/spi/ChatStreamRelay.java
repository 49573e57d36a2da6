package dev.tollgate.providers.spi;

import java.util.List;

/**
 * Turns the bytes of one upstream stream into the OpenAI SSE frames a gateway sends its client
 * ({@code data: <chat.completion.chunk>\n\n}; the final {@code data: [DONE]} is the gateway's to write). Stateful,
 * one per stream, pure. Throws a ProviderException when the upstream sends an error event.
 */
public interface ChatStreamRelay {
  /** The complete frames these bytes finish, in order (possibly none). */
  List<byte[]> feed(byte[] bytes);

  /** True once the provider's end-of-stream marker has been seen. */
  boolean isDone();

  /** True once a chunk with a finish reason has been seen. */
  boolean sawFinish();
}
