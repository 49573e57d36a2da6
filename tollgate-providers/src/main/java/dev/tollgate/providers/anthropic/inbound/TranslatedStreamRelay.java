package dev.tollgate.providers.anthropic.inbound;

import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Relays a non-Anthropic deployment's stream to an Anthropic-format client: the adapter's decoder turns the
 * provider's bytes into OpenAI chunks, {@link MessagesStreamEncoder} turns those into Anthropic events. The usage
 * read for spend is the OpenAI usage the chunks carried.
 */
public final class TranslatedStreamRelay implements MessagesStreamRelay {
  private final ChatStreamDecoder decoder;
  private final MessagesStreamEncoder encoder;

  public TranslatedStreamRelay(ChatStreamDecoder decoder, MessagesStreamEncoder encoder) {
    this.decoder = decoder;
    this.encoder = encoder;
  }

  @Override
  public List<byte[]> feed(byte[] bytes) {
    List<ChatChunk> chunks = decoder.feed(bytes);
    List<byte[]> frames = new ArrayList<>(chunks.size() * 2);
    for (ChatChunk chunk : chunks) {
      frames.addAll(encoder.accept(chunk));
    }
    return frames;
  }

  @Override
  public boolean isDone() {
    return decoder.isDone();
  }

  @Override
  public boolean sawFinish() {
    return encoder.sawFinish();
  }

  @Override
  public Usage usage() {
    return encoder.usage();
  }

  @Override
  public List<byte[]> finish() {
    return encoder.finish();
  }
}
