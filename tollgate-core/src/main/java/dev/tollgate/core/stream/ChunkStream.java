package dev.tollgate.core.stream;

import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streamed completion as a closeable iterator of chunks. Chunks are decoded as bytes arrive; closing before the end
 * closes the body, which cancels the HTTP call. A stream that ends without the provider's end marker and without a
 * finish reason raises {@link APIConnectionException}.
 */
public final class ChunkStream implements Iterator<ChatChunk>, Iterable<ChatChunk>, AutoCloseable {
  private final InputStream body;
  private final ChatStreamDecoder decoder;
  private final String provider;
  private final String model;
  private final ArrayDeque<ChatChunk> ready = new ArrayDeque<>();
  private final byte[] buffer = new byte[8192];
  private boolean finished;
  private boolean closed;
  private boolean sawFinishReason;
  private boolean complete;
  private Usage lastUsage;
  private BiConsumer<Boolean, Usage> onEnd;

  public ChunkStream(InputStream body, ChatStreamDecoder decoder, String provider, String model) {
    this.body = body;
    this.decoder = decoder;
    this.provider = provider;
    this.model = model;
  }

  /** A stream over chunks already in memory (mock answers, cache hits). */
  public static ChunkStream of(List<ChatChunk> chunks) {
    ChunkStream stream = new ChunkStream(InputStream.nullInputStream(), null, "mock", null);
    stream.ready.addAll(chunks);
    stream.finished = true;
    stream.complete = true;
    for (ChatChunk chunk : chunks) {
      if (chunk.usage() != null) {
        stream.lastUsage = chunk.usage();
      }
    }
    return stream;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !finished && !closed) {
      readMore();
    }
    if (ready.isEmpty()) {
      close();
      return false;
    }
    return true;
  }

  @Override
  public ChatChunk next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  @Override
  public Iterator<ChatChunk> iterator() {
    return this;
  }

  /** The chunks as a sequential {@link Stream}; closing it closes this. */
  public Stream<ChatChunk> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
        .onClose(this::close);
  }

  private void readMore() {
    int n;
    try {
      n = body.read(buffer);
    } catch (IOException e) {
      close();
      throw new APIConnectionException("stream from " + provider + " broke: " + e.getMessage(), provider, model, e);
    }
    if (n < 0) {
      finished = true;
      complete = decoder.isDone() || sawFinishReason;
      close();
      if (!complete) {
        throw new APIConnectionException("stream from " + provider + " ended before it was complete", provider, model);
      }
      return;
    }
    List<ChatChunk> chunks;
    try {
      chunks = decoder.feed(Arrays.copyOf(buffer, n));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    for (ChatChunk chunk : chunks) {
      if (chunk.choices().stream().anyMatch(c -> c.finishReason() != null)) {
        sawFinishReason = true;
      }
      if (chunk.usage() != null) {
        lastUsage = chunk.usage();
      }
      ready.add(chunk);
    }
    if (decoder.isDone()) {
      finished = true;
      complete = true;
      close();
    }
  }

  /**
   * Runs {@code listener} once, when this stream closes (read to its end, broken, or closed early): with whether it
   * ended properly and the last usage it carried (null when none). At most one listener; a later one replaces it.
   */
  public ChunkStream onEnd(BiConsumer<Boolean, Usage> listener) {
    this.onEnd = listener;
    return this;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      body.close();
    } catch (IOException ignored) {
      // closing is best effort; the connection is discarded either way
    }
    BiConsumer<Boolean, Usage> listener = onEnd;
    if (listener != null) {
      onEnd = null;
      listener.accept(complete, lastUsage);
    }
  }
}
