package dev.tollgate.providers.bedrock;

import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.TranslatingStreamRelay;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * ConverseStream chunks as OpenAI SSE frames. Bedrock always reports usage (the {@code metadata} event), so the
 * decoder always ends with a usage chunk; a gateway whose client did not ask for it ({@code stream_options}) hides that
 * chunk with {@link #hideUsageChunk()} while {@link #usage()} still reports it for pricing.
 */
final class BedrockStreamRelay implements ChatStreamRelay {
  private final ChatStreamDecoder decoder;
  private boolean hideUsage;
  private boolean sawFinish;
  private Usage usage;

  BedrockStreamRelay(ChatStreamDecoder decoder) {
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
