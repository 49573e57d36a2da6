package dev.tollgate.providers.spi;

import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import java.util.ArrayList;
import java.util.List;

/** The relay for providers with their own stream format: decode to chunks, write each as an OpenAI SSE frame. */
public final class TranslatingStreamRelay implements ChatStreamRelay {
  private static final byte[] PREFIX = "data: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] SUFFIX = "\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final ChatStreamDecoder decoder;
  private boolean sawFinish;
  private boolean hideUsageChunk;
  private dev.tollgate.providers.types.Usage usage;

  public TranslatingStreamRelay(ChatStreamDecoder decoder) {
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
        if (hideUsageChunk && chunk.choices().isEmpty()) {
          continue;
        }
      }
      frames.add(frame(Json.write(chunk)));
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
  public dev.tollgate.providers.types.Usage usage() {
    return usage;
  }

  /** Keeps a usage-only chunk (no choices) from the client; its usage is still reported by {@link #usage()}. */
  @Override
  public void hideUsageChunk() {
    hideUsageChunk = true;
  }

  /** {@code data: <json>\n\n}. */
  public static byte[] frame(byte[] json) {
    byte[] out = new byte[PREFIX.length + json.length + SUFFIX.length];
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    System.arraycopy(json, 0, out, PREFIX.length, json.length);
    System.arraycopy(SUFFIX, 0, out, PREFIX.length + json.length, SUFFIX.length);
    return out;
  }
}
