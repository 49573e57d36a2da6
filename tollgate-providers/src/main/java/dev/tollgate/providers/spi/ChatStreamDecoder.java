package dev.tollgate.providers.spi;

import dev.tollgate.providers.types.ChatChunk;
import java.util.List;

/**
 * Turns the bytes of one streamed reply into OpenAI chunks. Stateful (one per stream) but pure: the transport feeds
 * bytes as they arrive, in pieces of any size.
 */
public interface ChatStreamDecoder {
  /** Consumes the next bytes; returns the chunks they complete. Throws a ProviderException for an error event. */
  List<ChatChunk> feed(byte[] bytes);

  /** True once the provider's end-of-stream marker has been seen. */
  boolean isDone();
}
