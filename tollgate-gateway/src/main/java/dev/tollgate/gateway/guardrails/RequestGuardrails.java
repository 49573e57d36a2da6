package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The guardrails of one request and the hooks that run them, confined to the request's event loop:
 *
 * <ul>
 *   <li>{@link #preCall}: {@code pre_call} guardrails in config order on the request's message texts; a block throws
 *       the 400, a mask rewrites the messages in the body (what the upstream receives and what the spend row keeps);
 *   <li>{@link #duringCall}: {@code during_call} guardrails on the (pre-call) input, run once the model call has
 *       been sent; {@link #duringCallBlock} is checked before the answer is released;
 *   <li>{@link #postCall}: {@code post_call} guardrails in reverse config order on the reply's texts (block or mask);
 *       a stream's are run by {@link GuardedStreamRelay} through {@link #stream()} (cut on a block, masked as it
 *       flows or held whole);
 *   <li>{@link #preCallEmbedding}: {@code pre_call} guardrails on an embeddings request's input strings (the only
 *       mode that applies to embeddings);
 *   <li>{@link #storedTextFilter}: {@code logging_only} masks for the stored prompt and response.
 * </ul>
 *
 * These are synchronous: with built-in guardrails only, a request pays no future and no hop. When a request's
 * guardrails for a mode include a remote one ({@link #needsAsync}), the handler uses the asynchronous twins instead
 * ({@link #preCallAsync}, {@link #duringCallPending}, {@link #postCallAsync}; logging-only masks
 * then run after completion through {@link CallRecord#storedTextMasks}), which keep the same order and meaning with
 * built-in and remote guardrails mixed. Each run is recorded on the spend row and in the metrics ({@link RunLog}).
 */
public final class RequestGuardrails {
  private static final RequestGuardrails NONE = new RequestGuardrails(List.of(), null, GuardrailMetrics.NONE, null,
      null, false);
  private final List<ConfiguredGuardrail> active;
  private final RunLog log;
  private final CallFacts facts;
  private final GuardrailServices services;
  private final boolean remote;
  private List<String> input = List.of();
  private boolean inputMasked;
  private ApiError duringBlock;
  private boolean duringRan;
  private Future<Void> duringPending;
  private StreamGuardrails stream;

  private RequestGuardrails(List<ConfiguredGuardrail> active, CallRecord record, GuardrailMetrics metrics,
      CallFacts facts, GuardrailServices services, boolean remote) {
    this.active = active;
    this.log = new RunLog(record, metrics);
    this.facts = facts;
    this.services = services;
    this.remote = remote;
  }

  /** The guardrails that apply to a request, without remote services (for built-in guardrails only). */
  public static RequestGuardrails of(GuardrailSet set, ObjectNode body, JsonNode metadata, VirtualKey key,
      CallRecord record, GuardrailMetrics metrics) {
    return of(set, body, metadata, key, record, metrics, null, null);
  }

  /**
   * The guardrails that apply to a request.
   *
   * @param metadata the body's metadata object ({@code metadata}, or {@code litellm_metadata} on /v1/messages)
   * @param services the clients remote guardrails use (null: a remote guardrail fails, as unreachable)
   * @param headers the inbound headers, told to remote guardrails (read only when one applies); may be null
   */
  public static RequestGuardrails of(GuardrailSet set, ObjectNode body, JsonNode metadata, VirtualKey key,
      CallRecord record, GuardrailMetrics metrics, GuardrailServices services,
      Iterable<Map.Entry<String, String>> headers) {
    List<ConfiguredGuardrail> active = set.active(body, metadata, key);
    if (active.isEmpty()) {
      return NONE;
    }
    boolean remote = set.hasRemote() && active.stream().anyMatch(ConfiguredGuardrail::isRemote);
    CallFacts facts = remote ? CallFacts.of(record, body, key, headers) : null; // before "guardrails" goes
    if (body != null) {
      body.remove("guardrails"); // a Tollgate control field: never sent upstream
    }
    RequestGuardrails guards = new RequestGuardrails(active, record, metrics, facts, services, remote);
    if (record != null && guards.runs(GuardrailMode.LOGGING_ONLY)) {
      if (guards.needsAsync(GuardrailMode.LOGGING_ONLY)) {
        record.storedTextMasks = guards::storedTextMasks;
      } else {
        record.storedTextFilter = guards.storedTextFilter();
      }
    }
    return guards;
  }

  public boolean isEmpty() {
    return active.isEmpty();
  }

  /** The names for {@code x-litellm-applied-guardrails}, comma-separated; empty when none apply. */
  public String appliedHeader() {
    List<String> names = new ArrayList<>(active.size());
    active.forEach(g -> names.add(g.name()));
    return String.join(",", names);
  }

  /** The names of the guardrails that run in {@code mode}, comma-separated (for a route served by one mode only). */
  public String appliedHeader(GuardrailMode mode) {
    List<String> names = new ArrayList<>(active.size());
    for (ConfiguredGuardrail g : active) {
      if (g.runs(mode)) {
        names.add(g.name());
      }
    }
    return String.join(",", names);
  }

  public boolean runs(GuardrailMode mode) {
    for (ConfiguredGuardrail g : active) {
      if (g.runs(mode)) {
        return true;
      }
    }
    return false;
  }

  /** True when a remote guardrail runs in {@code mode}: the handler must use that mode's asynchronous hook. */
  public boolean needsAsync(GuardrailMode mode) {
    if (!remote) {
      return false;
    }
    for (ConfiguredGuardrail g : active) {
      if (g.isRemote() && g.runs(mode)) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------------------------------ pre call

  /** Runs the pre-call guardrails on {@code body}'s messages; masks them in place; throws the 400 on a block. */
  public void preCall(ObjectNode body) {
    if (active.isEmpty()) {
      return;
    }
    preCall(MessageTexts.ofRequest(body));
  }

  /**
   * Runs the pre-call guardrails on an embeddings request's {@code input} strings; masks them in place; throws the
   * 400 on a block. Only pre-call guardrails apply to embeddings. Token arrays are not texts: an input of token arrays
   * only runs nothing (and records nothing).
   */
  public void preCallEmbedding(ObjectNode body) {
    MessageTexts texts = MessageTexts.ofEmbeddingInput(body);
    if (!active.isEmpty() && !texts.texts().isEmpty()) {
      preCall(texts);
    }
  }

  /** {@link #preCallEmbedding} with remote guardrails among them (see {@link #preCallAsync}). */
  public Future<Void> preCallEmbeddingAsync(ObjectNode body) {
    MessageTexts texts = MessageTexts.ofEmbeddingInput(body);
    return texts.texts().isEmpty() ? Future.succeededFuture() : preCallAsync(texts);
  }

  private void preCall(MessageTexts texts) {
    requireSync(GuardrailMode.PRE_CALL);
    boolean masked = false;
    for (ConfiguredGuardrail g : active) {
      if (g.runs(GuardrailMode.PRE_CALL)) {
        masked |= GuardrailRuns.apply(log, g, GuardrailMode.PRE_CALL, texts);
      }
    }
    input = List.copyOf(texts.texts());
    inputMasked = masked;
  }

  /**
   * {@link #preCall} with remote guardrails among them: the same order (a mask from one is what the next sees); fails
   * with the 400 of a block or the 503 of a remote guardrail that fails closed.
   */
  public Future<Void> preCallAsync(ObjectNode body) {
    return preCallAsync(MessageTexts.ofRequest(body));
  }

  private Future<Void> preCallAsync(MessageTexts texts) {
    return GuardrailRuns.chain(log, facts, services, active, GuardrailMode.PRE_CALL, texts, true).map(masked -> {
      input = List.copyOf(texts.texts());
      inputMasked = masked;
      return null;
    });
  }

  /** Writes the pre-call masks into a re-read copy of the body (a retry), without running anything again. */
  public void remask(ObjectNode body) {
    if (!inputMasked) {
      return;
    }
    MessageTexts texts = MessageTexts.ofRequest(body);
    if (texts.texts().size() == input.size()) {
      texts.write(input);
    }
  }

  // --------------------------------------------------------------------------------------------------- during call

  /**
   * Runs the during-call guardrails on the input, once; call it after the model call was sent. Built-in ones run
   * here; remote ones start here, side by side, and {@link #duringCallPending} is their joint completion.
   */
  public void duringCall() {
    if (duringRan) {
      return;
    }
    duringRan = true;
    for (ConfiguredGuardrail g : active) {
      if (g.runs(GuardrailMode.DURING_CALL) && !g.isRemote() && duringBlock == null) {
        long start = System.nanoTime();
        Verdict v = g.check().check(input);
        Verdict recorded = v instanceof Verdict.Masked ? Verdict.PASS : v; // during_call cannot edit what was sent
        log.ran(g, GuardrailMode.DURING_CALL, recorded, start);
        if (recorded instanceof Verdict.Blocked b) {
          duringBlock = GuardrailBlocked.error(g.name(), GuardrailMode.DURING_CALL, b);
        }
      }
    }
    if (duringBlock == null && needsAsync(GuardrailMode.DURING_CALL)) {
      List<Future<Verdict>> runs = new ArrayList<>();
      for (ConfiguredGuardrail g : active) {
        if (g.runs(GuardrailMode.DURING_CALL) && g.isRemote()) {
          runs.add(RemoteRun.run(g, GuardrailMode.DURING_CALL, input, facts, services, log, true, false)
              .andThen(done -> {
                if (duringBlock != null) {
                  return; // the first block wins
                }
                if (done.failed()) {
                  duringBlock = done.cause() instanceof ApiError a ? a : GuardrailUnavailable.error(g.name(),
                      GuardrailMode.DURING_CALL, GuardrailFailure.of(done.cause()));
                } else if (done.result() instanceof Verdict.Blocked b) {
                  duringBlock = GuardrailBlocked.error(g.name(), GuardrailMode.DURING_CALL, b);
                }
              }));
        }
      }
      duringPending = Future.join(runs).mapEmpty();
    }
  }

  /** The remote during-call runs still going (the answer waits for them), or null when there are none. */
  public Future<Void> duringCallPending() {
    return duringPending == null || duringPending.isComplete() ? null : duringPending;
  }

  /** The 400 (or a fail-closed 503) a during-call guardrail raised, or null when they all passed. */
  public ApiError duringCallBlock() {
    return duringBlock;
  }

  // ----------------------------------------------------------------------------------------------------- post call

  /**
   * Runs the post-call guardrails (reverse config order) on a whole reply (OpenAI or Anthropic JSON); returns the
   * reply, masked when a guardrail masked; throws the 400 on a block.
   */
  public byte[] postCall(byte[] reply) {
    if (!runs(GuardrailMode.POST_CALL)) {
      return reply;
    }
    requireSync(GuardrailMode.POST_CALL);
    JsonNode tree = tree(reply);
    if (tree == null) {
      return reply; // not JSON: nothing to scan
    }
    MessageTexts texts = MessageTexts.ofReply(tree);
    boolean masked = false;
    for (int i = active.size() - 1; i >= 0; i--) {
      ConfiguredGuardrail g = active.get(i);
      if (g.runs(GuardrailMode.POST_CALL)) {
        masked |= GuardrailRuns.apply(log, g, GuardrailMode.POST_CALL, texts);
      }
    }
    return masked ? Json.write(tree) : reply;
  }

  /** {@link #postCall} with remote guardrails among them (same order and meaning). */
  public Future<byte[]> postCallAsync(byte[] reply) {
    JsonNode tree = tree(reply);
    if (tree == null) {
      return Future.succeededFuture(reply);
    }
    return GuardrailRuns.chain(log, facts, services, active.reversed(), GuardrailMode.POST_CALL,
        MessageTexts.ofReply(tree), true).map(masked -> masked ? Json.write(tree) : reply);
  }

  /** The hooks of this request's stream, for {@link GuardedStreamRelay}: blocks as it flows, masks, remote ends. */
  StreamGuardrails stream() {
    if (stream == null) {
      stream = new StreamGuardrails(active, log, facts, services);
    }
    return stream;
  }

  // -------------------------------------------------------------------------------------------------- logging only

  /** The logging-only masks, for a stored prompt or response (JSON text); unchanged when nothing is found. */
  public UnaryOperator<String> storedTextFilter() {
    return stored -> {
      JsonNode tree = tree(stored);
      if (tree == null) {
        return stored;
      }
      MessageTexts texts = MessageTexts.ofStored(tree);
      boolean masked = false;
      for (ConfiguredGuardrail g : active) {
        if (g.runs(GuardrailMode.LOGGING_ONLY)) {
          masked |= GuardrailRuns.logOnly(log, g, texts);
        }
      }
      return masked ? Json.writeString(tree) : stored;
    };
  }

  /** The logging-only masks with remote guardrails among them, on the record's stored prompt and response. */
  Future<Void> storedTextMasks(CallRecord record) {
    JsonNode messages = tree(record.messages);
    JsonNode response = tree(record.response);
    return GuardrailRuns.chain(log, facts, services, active, GuardrailMode.LOGGING_ONLY,
        MessageTexts.ofStored(messages, response), false).map(masked -> {
          if (masked) {
            record.messages = messages == null ? record.messages : Json.writeString(messages);
            record.response = response == null ? record.response : Json.writeString(response);
          }
          return null;
        });
  }

  private void requireSync(GuardrailMode mode) {
    if (needsAsync(mode)) {
      throw new IllegalStateException("a remote " + mode.id() + " guardrail applies: use the asynchronous hook");
    }
  }

  private static JsonNode tree(String json) {
    try {
      return json == null ? null : Json.MAPPER.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonNode tree(byte[] json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }
}
