package dev.tollgate.gateway.guardrails;

import dev.tollgate.gateway.calls.StreamTokenEstimate;
import dev.tollgate.providers.anthropic.inbound.MessagesStreamRelay;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.Usage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream relay that runs the post-call guardrails on the streamed answer ({@link StreamGuardrails}).
 *
 * <p><b>Blocks.</b> Built-in guardrails run before each batch of frames is written: on the batch's new text plus the
 * last {@value #OVERLAP_CHARS} characters before it (so an entity split across chunks is still seen whole), and once
 * more at the end of the stream on the last {@value #WINDOW_CHARS} characters (for checks that look at the whole
 * reply). When one blocks, {@link #feed} throws its 400 before the frames that tripped it are written, and the
 * gateway's stream relay ends the client stream with that error event and cancels the upstream.
 *
 * <p><b>Masks</b> ({@link StreamMaskPlan}). When a guardrail that may mask runs post-call, only masked text reaches the
 * client: with built-ins that mask within a window ({@link WindowedMasks}) each text is held back by their windows and
 * sent masked as it flows; with a remote one, or a built-in without a window, the whole answer is held and sent
 * (masked) once it was checked at its end ({@link WholeMasks}). The frames as the upstream relay made them stay
 * available ({@link RewrittenStream}) for the cache and the usage estimate.
 *
 * <p><b>Remote guardrails that only block</b> (a judge) run once on the whole streamed text when the upstream is done.
 * Until then the relay holds back the frames from the one that finished the answer on (OpenAI's finish-reason and
 * usage chunks, Anthropic's closing events), and the gateway holds back the stream's end ({@code data: [DONE]}, the
 * closing events it owes): {@link #release} lets them go, or fails with the error event that cuts the stream instead.
 * Text sent before is with the client already. The text kept is bounded by the window, or by
 * {@value #MAX_WHOLE_CHARS} characters for the end-of-stream check.
 */
public class GuardedStreamRelay implements ChatStreamRelay, StreamEndGate, RewrittenStream {
  static final int OVERLAP_CHARS = 256;
  static final int WINDOW_CHARS = 8192;
  /** The most streamed text kept for the remote guardrails' end-of-stream check; the rest is not sent to them. */
  static final int MAX_WHOLE_CHARS = 1_000_000;
  private final ChatStreamRelay delegate;
  private final StreamGuardrails guards;
  private final boolean builtIns;
  private final StringBuilder tail = new StringBuilder();
  private final StringBuilder whole;
  private final List<byte[]> held;
  private final StreamMasks masks;
  private List<byte[]> upstream;
  private boolean finalChecked;
  private boolean holding;

  GuardedStreamRelay(ChatStreamRelay delegate, RequestGuardrails request, StreamTextFormat format) {
    this.delegate = delegate;
    this.guards = request.stream();
    StreamMaskPlan plan = guards.plan();
    this.masks = switch (plan.kind()) {
      case NONE -> null;
      case WINDOWED -> new WindowedMasks(format, guards);
      case WHOLE -> new WholeMasks(format, guards);
    };
    boolean remoteEnd = plan.kind() != StreamMaskPlan.Kind.WHOLE && guards.awaitsRemote();
    this.builtIns = guards.checksAsItFlows();
    this.whole = remoteEnd ? new StringBuilder() : null;
    this.held = remoteEnd ? new ArrayList<>() : null;
    this.upstream = masks == null ? null : new ArrayList<>();
  }

  /** {@code relay} with the request's post-call guardrails, or {@code relay} itself when none apply. */
  public static ChatStreamRelay wrap(ChatStreamRelay relay, RequestGuardrails guards) {
    if (!guards.runs(GuardrailMode.POST_CALL)) {
      return relay;
    }
    return relay instanceof MessagesStreamRelay m ? new Messages(m, guards)
        : new GuardedStreamRelay(relay, guards, StreamTextFormat.OPENAI);
  }

  @Override
  public List<byte[]> feed(byte[] bytes) {
    List<byte[]> frames = delegate.feed(bytes);
    if (upstream != null) {
      upstream.addAll(frames);
    }
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
          guards.check(tail.substring(from), false);
        }
        if (tail.length() > WINDOW_CHARS) {
          tail.delete(0, tail.length() - WINDOW_CHARS);
        }
      }
    }
    if (last && !finalChecked) {
      finalChecked = true;
      guards.check(tail.toString(), true);
    }
    if (masks != null) {
      frames = masks.rewrite(frames);
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
    return whole != null || masks != null;
  }

  @Override
  public Future<List<byte[]>> release() {
    Future<List<byte[]>> rest = masks == null ? Future.succeededFuture(List.of()) : masks.release();
    if (whole == null) {
      return rest;
    }
    return rest.compose(flushed -> guards.end(whole.toString()).map(v -> {
      List<byte[]> out = new ArrayList<>(held);
      out.addAll(flushed);
      return out;
    }));
  }

  @Override
  public boolean rewrites() {
    return masks != null;
  }

  @Override
  public List<byte[]> takeUpstreamFrames() {
    if (upstream == null || upstream.isEmpty()) {
      return List.of();
    }
    List<byte[]> taken = upstream;
    upstream = new ArrayList<>();
    return taken;
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
      super(delegate, guards, StreamTextFormat.MESSAGES);
      this.delegate = delegate;
    }

    @Override
    public List<byte[]> finish() {
      return delegate.finish();
    }
  }
}
