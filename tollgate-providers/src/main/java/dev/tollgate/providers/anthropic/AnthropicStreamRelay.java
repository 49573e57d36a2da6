package dev.tollgate.providers.anthropic;

import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.TranslatingStreamRelay;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Relays an Anthropic stream as OpenAI SSE frames. The decoder always ends with a usage chunk, because Anthropic always
 * reports usage and a gateway prices the call from it; {@link #hideUsageChunk()} keeps that chunk from a client that
 * did not ask for it ({@code stream_options.include_usage}) while {@link #usage()} still reports it.
 */
final class AnthropicStreamRelay implements ChatStreamRelay {
  private final ChatStreamDecoder decoder;
  private boolean hideUsage;
  private boolean sawFinish;
  private Usage usage;

  AnthropicStreamRelay(ChatStreamDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public List<byte[]> feed(byte[] bytes) {
    List<ChatChunk> chunks = decoder.feed(bytes);
    List<byte[]> frames = new ArrayList<>(chunks.size());
    for (ChatChunk chunk : chunks) {
      if (!sawFinish && chunk.choices().stream().anyMatch(c -> c.finishReason() != null)) {
        sawFinish = true;
      }
      if (chunk.usage() != null) {
        usage = chunk.usage();
        if (hideUsage && chunk.choices().isEmpty()) {
          continue;
        }
      }
      frames.add(TranslatingStreamRelay.frame(Json.write(chunk)));
    }
    return frames;
  }

  @Override
  public boolean isDone() {
    return decoder.isDone();
  }

  @Override
  public boolean sawFinish() {
    return sawFinish;
  }

  @Override
  public Usage usage() {
    return usage;
  }

  @Override
  public void hideUsageChunk() {
    hideUsage = true;
  }
}
