package dev.tollgate.gateway.guardrails;

import dev.tollgate.gateway.calls.StreamTokenEstimate;
import dev.tollgate.providers.anthropic.inbound.MessagesStreamRelay;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.Usage;
import java.util.List;

/**
 * A stream relay that runs the post-call guardrails on the streamed text before each batch of frames is written:
 * on the batch's new text plus the last {@value #OVERLAP_CHARS} characters before it (so an entity split across
 * chunks is still seen whole), and once more at the end of the stream on the last {@value #WINDOW_CHARS} characters
 * (for checks that look at the whole reply). When one blocks, {@link #feed} throws its 400 before the frames that
 * tripped it are written, and the gateway's stream relay ends the client stream with that error event and cancels
 * the upstream. Masking is not possible in a stream (earlier text is already with the client): streams are
 * block-only. The text kept is bounded by the window.
 */
public class GuardedStreamRelay implements ChatStreamRelay {
  static final int OVERLAP_CHARS = 256;
  static final int WINDOW_CHARS = 8192;
  private final ChatStreamRelay delegate;
  private final RequestGuardrails guards;
  private final StringBuilder tail = new StringBuilder();
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
    boolean last = delegate.isDone() || delegate.sawFinish();
    if (!frames.isEmpty()) {
      StreamTokenEstimate batch = new StreamTokenEstimate();
      frames.forEach(batch::relayed);
      String added = batch.completionText();
      if (!added.isEmpty()) {
        int from = Math.max(0, tail.length() - OVERLAP_CHARS);
        tail.append(added);
        if (!last) {
          guards.streamCheck(tail.substring(from), false);
        }
        if (tail.length() > WINDOW_CHARS) {
          tail.delete(0, tail.length() - WINDOW_CHARS);
        }
      }
    }
    if (last && !finalChecked) {
      finalChecked = true;
      guards.streamCheck(tail.toString(), true);
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
