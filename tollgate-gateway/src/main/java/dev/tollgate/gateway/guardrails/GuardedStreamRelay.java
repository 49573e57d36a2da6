package dev.tollgate.gateway.guardrails;

import dev.tollgate.gateway.calls.StreamTokenEstimate;
import dev.tollgate.providers.anthropic.inbound.MessagesStreamRelay;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.Usage;
import java.util.List;

/**
 * A stream relay that runs the post-call guardrails on the text streamed so far: after every
 * {@value #CHECK_EVERY_BYTES} bytes of new frames and at the end of the stream, on the last {@value #WINDOW_CHARS}
 * characters. When one blocks, {@link #feed} throws its 400 before the frames that tripped it are written, and the
 * gateway's stream relay ends the client stream with that error event and cancels the upstream. Masking is not
 * possible in a stream (earlier text is already with the client): streams are block-only.
 */
public class GuardedStreamRelay implements ChatStreamRelay {
  static final int CHECK_EVERY_BYTES = 512;
  static final int WINDOW_CHARS = 8192;
  private final ChatStreamRelay delegate;
  private final RequestGuardrails guards;
  private final StreamTokenEstimate text = new StreamTokenEstimate();
  private int unchecked;
  private boolean finalChecked;

  GuardedStreamRelay(ChatStreamRelay delegate, RequestGuardrails guards) {
    this.delegate = delegate;
    this.guards = guards;
  }

  /** {@code relay} with the request's post-call guardrails, or {@code relay} itself when none apply. */
  public static ChatStreamRelay wrap(ChatStreamRelay relay, RequestGuardrails guards) {
    if (!guards.runs(GuardrailMode.POST_CALL)) {
      return relay;
    }
    return relay instanceof MessagesStreamRelay m ? new Messages(m, guards) : new GuardedStreamRelay(relay, guards);
  }

  @Override
  public List<byte[]> feed(byte[] bytes) {
    List<byte[]> frames = delegate.feed(bytes);
    for (byte[] frame : frames) {
      text.relayed(frame);
      unchecked += frame.length;
    }
    boolean last = delegate.isDone() || delegate.sawFinish();
    String so = null;
    if (last && !finalChecked) {
      finalChecked = true;
      so = text.completionText();
    } else if (!last && unchecked >= CHECK_EVERY_BYTES) {
      so = text.completionText(); // unescaped once per batch of frames, not per frame
    }
    if (so != null) {
      unchecked = 0;
      guards.streamCheck(so.length() > WINDOW_CHARS ? so.substring(so.length() - WINDOW_CHARS) : so, last);
    }
    return frames;
  }

  @Override
  public boolean isDone() {
    return delegate.isDone();
  }

  @Override
  public boolean sawFinish() {
    return delegate.sawFinish();
  }

  @Override
  public Usage usage() {
    return delegate.usage();
  }

  @Override
  public void hideUsageChunk() {
    delegate.hideUsageChunk();
  }

  /** The same for Anthropic-format streams, which also close with their own final events. */
  static final class Messages extends GuardedStreamRelay implements MessagesStreamRelay {
    private final MessagesStreamRelay delegate;

    Messages(MessagesStreamRelay delegate, RequestGuardrails guards) {
      super(delegate, guards);
      this.delegate = delegate;
    }

    @Override
    public List<byte[]> finish() {
      return delegate.finish();
    }
  }
}
