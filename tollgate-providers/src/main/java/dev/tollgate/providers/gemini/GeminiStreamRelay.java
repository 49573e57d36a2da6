package dev.tollgate.providers.gemini;

import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.TranslatingStreamRelay;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Relays a Gemini stream as OpenAI SSE frames. Gemini always reports usage, so the decoder always ends with a usage
 * chunk; a gateway whose client did not ask for one ({@code stream_options.include_usage}) calls
 * {@link #hideUsageChunk()} and the chunk is read (for {@link #usage()}) but not forwarded.
 */
public final class GeminiStreamRelay implements ChatStreamRelay {
  private final ChatStreamDecoder decoder;
  private boolean hideUsage;
  private boolean sawFinish;
  private Usage usage;

  public GeminiStreamRelay(ChatStreamDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public List<byte[]> feed(byte[] bytes) {
    List<ChatChunk> chunks = decoder.feed(bytes);
    List<byte[]> frames = new ArrayList<>(chunks.size());
    for (ChatChunk chunk : chunks) {
      if (chunk.choices().stream().anyMatch(c -> c.finishReason() != null)) {
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
