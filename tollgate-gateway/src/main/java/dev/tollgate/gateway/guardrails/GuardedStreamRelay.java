package dev.tollgate.gateway.guardrails;

import dev.tollgate.gateway.calls.StreamTokenEstimate;
import dev.tollgate.providers.anthropic.inbound.MessagesStreamRelay;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.Usage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream relay that runs the post-call guardrails on the streamed text. Built-in guardrails run before each batch
 * of frames is written: on the batch's new text plus the last {@value #OVERLAP_CHARS} characters before it (so an
 * entity split across chunks is still seen whole), and once more at the end of the stream on the last
 * {@value #WINDOW_CHARS} characters (for checks that look at the whole reply). When one blocks, {@link #feed} throws
 * its 400 before the frames that tripped it are written, and the gateway's stream relay ends the client stream with
 * that error event and cancels the upstream.
 *
 * <p>Remote post-call guardrails cannot answer per chunk: they run once on the whole streamed text when the upstream
 * is done. Until then the relay holds back the frames from the one that finished the answer on (OpenAI's
 * finish-reason and usage chunks, Anthropic's closing events), and the gateway holds back the stream's end
 * ({@code data: [DONE]}, the closing events it owes): {@link #release} lets them go, or fails with the error event
 * that cuts the stream instead. Text sent before is with the client already.
 *
 * <p>Masking is not possible in a stream (earlier text is already with the client): streams are block-only. The text
 * kept is bounded by the window, or by {@value #MAX_WHOLE_CHARS} characters when a remote guardrail needs it whole.
 */
public class GuardedStreamRelay implements ChatStreamRelay, StreamEndGate {
  static final int OVERLAP_CHARS = 256;
  static final int WINDOW_CHARS = 8192;
  /** The most streamed text kept for the remote guardrails' end-of-stream check; the rest is not sent to them. */
  static final int MAX_WHOLE_CHARS = 1_000_000;
  private final ChatStreamRelay delegate;
  private final RequestGuardrails guards;
  private final boolean builtIns;
  private final StringBuilder tail = new StringBuilder();
  private final StringBuilder whole;
  private final List<byte[]> held;
  private boolean finalChecked;
  private boolean holding;

  GuardedStreamRelay(ChatStreamRelay delegate, RequestGuardrails guards) {
    this.delegate = delegate;
    this.guards = guards;
    boolean remote = guards.needsAsync(GuardrailMode.POST_CALL);
    this.builtIns = guards.runsBuiltIn(GuardrailMode.POST_CALL);
    this.whole = remote ? new StringBuilder() : null;
    this.held = remote ? new ArrayList<>() : null;
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
        if (whole != null && whole.length() < MAX_WHOLE_CHARS) {
          whole.append(added, 0, Math.min(added.length(), MAX_WHOLE_CHARS - whole.length()));
        }
        int from = Math.max(0, tail.length() - OVERLAP_CHARS);
        tail.append(added);
        if (!last && builtIns) {
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
    if (held != null && (last || holding)) {
      holding = true;
      held.addAll(frames);
      return List.of();
    }
    return frames;
  }

  @Override
  public boolean gatesEnd() {
    return whole != null;
  }

  @Override
  public Future<List<byte[]>> release() {
    if (whole == null) {
      return Future.succeededFuture(List.of());
    }
    return guards.streamEnd(whole.toString()).map(v -> List.copyOf(held));
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
