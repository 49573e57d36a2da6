package dev.tollgate.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link FakeUpstream} answers to one request. Immutable: every {@code withX}/modifier returns a copy, so
 * behaviours compose, e.g. {@code Behavior.reply("Hi").chunked(3).streamGap(Duration.ofMillis(20)).delayed(...)}.
 *
 * <p>Chat requests get a {@code chat.completion} (or a stream of {@code chat.completion.chunk} when the body says
 * {@code "stream": true}); embeddings requests get an embeddings list whatever the kind, unless the behaviour is an
 * {@link #error error}.
 */
public final class Behavior {

  /** What kind of answer a behaviour produces. */
  public enum Kind {
    REPLY,
    ECHO,
    TOOL_CALL,
    ERROR,
    EMBEDDING,
    RECORDED_STREAM
  }

  /** Number of floats per embedding vector when nothing else says otherwise. */
  public static final int DEFAULT_EMBEDDING_DIMS = 8;

  private final Kind kind;
  private final String text;
  private final String toolName;
  private final String toolArguments;
  private final int status;
  private final String errorBody;
  private final Map<String, String> headers;
  private final Duration delay;
  private final Duration streamGap;
  private final int chunks;
  private final int breakAfter;
  private final int embeddingDims;
  private final String finishReason;
  private final boolean streamUsage;
  private final int streamErrorAfter;
  private final String streamErrorBody;

  private Behavior(Builder b) {
    this.kind = b.kind;
    this.text = b.text;
    this.toolName = b.toolName;
    this.toolArguments = b.toolArguments;
    this.status = b.status;
    this.errorBody = b.errorBody;
    this.headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.delay = b.delay;
    this.streamGap = b.streamGap;
    this.chunks = b.chunks;
    this.breakAfter = b.breakAfter;
    this.embeddingDims = b.embeddingDims;
    this.finishReason = b.finishReason;
    this.streamUsage = b.streamUsage;
    this.streamErrorAfter = b.streamErrorAfter;
    this.streamErrorBody = b.streamErrorBody;
  }

  // ---------------------------------------------------------------- factories

  /** A {@code chat.completion} whose assistant content is {@code text}, finish_reason {@code stop}. */
  public static Behavior reply(String text) {
    Objects.requireNonNull(text, "text");
    Builder b = new Builder(Kind.REPLY);
    b.text = text;
    return new Behavior(b);
  }

  /** Replies {@code "echo: <text of the last user message>"}; the default for unscripted models. */
  public static Behavior echo() {
    return new Behavior(new Builder(Kind.ECHO));
  }

  /**
   * An assistant message with {@code content: null} and one function tool call (id {@code call_...}),
   * finish_reason {@code tool_calls}. In streams the call's arguments arrive in fragments, as OpenAI sends them.
   */
  public static Behavior toolCall(String name, String argumentsJson) {
    Builder b = new Builder(Kind.TOOL_CALL);
    b.toolName = Objects.requireNonNull(name, "name");
    b.toolArguments = Objects.requireNonNull(argumentsJson, "argumentsJson");
    return new Behavior(b);
  }

  /** HTTP {@code status} with {@code body} sent as is ({@code content-type: application/json}); also for streams. */
  public static Behavior error(int status, String body) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("bad status " + status);
    }
    Builder b = new Builder(Kind.ERROR);
    b.status = status;
    b.errorBody = Objects.requireNonNull(body, "body");
    return new Behavior(b);
  }

  /** An OpenAI-envelope error: {@code {"error":{"message","type","param":null,"code"}}}. */
  public static Behavior openAiError(int status, String message, String type, String code) {
    return error(status, OpenAiError.json(message, type, null, code));
  }

  /** Embeddings of {@code dims} deterministic floats per input (chat requests to such a model are echoed). */
  public static Behavior embedding(int dims) {
    if (dims < 1) {
      throw new IllegalArgumentException("dims must be >= 1");
    }
    Builder b = new Builder(Kind.EMBEDDING);
    b.embeddingDims = dims;
    return new Behavior(b);
  }

  /**
   * For streamed chat requests on the OpenAI-format paths: the server-sent events of {@code sse} (a recorded stream,
   * e.g. a fixture file; events separated by blank lines) sent exactly as written, one write per event, with the
   * behaviour's gap between them; the stream ends after the last (so {@code data: [DONE]} must be in {@code sse} if
   * wanted). Lets a test fix the chunk boundaries, mix text with tool calls, or carry any field. A request without
   * {@code "stream": true} gets a 400; the other providers' fakes echo.
   */
  public static Behavior recordedStream(String sse) {
    Builder b = new Builder(Kind.RECORDED_STREAM);
    b.text = Objects.requireNonNull(sse, "sse");
    return new Behavior(b);
  }

  /** The events of a {@link #recordedStream}, each with its blank line. */
  public List<String> recordedEvents() {
    List<String> events = new java.util.ArrayList<>();
    for (String event : text.replace("\r\n", "\n").split("\n\n+")) {
      if (!event.isBlank()) {
        events.add(event.strip() + "\n\n");
      }
    }
    return events;
  }

  /** An echo stream that breaks after {@code chunks} SSE events; same as {@code echo().breakAfter(chunks)}. */
  public static Behavior breakStreamAfter(int chunks) {
    return echo().breakAfter(chunks);
  }

  // ---------------------------------------------------------------- modifiers

  /** Adds a response header (e.g. {@code retry-after}, {@code x-ratelimit-remaining-requests}). */
  public Behavior withHeader(String name, String value) {
    Builder b = toBuilder();
    b.headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Behavior(b);
  }

  /** Waits {@code delay} (on a Vert.x timer, never blocking) before sending anything. */
  public Behavior delayed(Duration delay) {
    Builder b = toBuilder();
    b.delay = nonNegative(delay, "delay");
    return new Behavior(b);
  }

  /** For streams: the pause between two SSE events. */
  public Behavior streamGap(Duration gap) {
    Builder b = toBuilder();
    b.streamGap = nonNegative(gap, "gap");
    return new Behavior(b);
  }

  /**
   * For streams: split the content (or the tool call's arguments) into {@code n} near-equal pieces, one delta each.
   * Without it content is split by words and arguments into pieces of about 8 characters.
   */
  public Behavior chunked(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("chunks must be >= 1");
    }
    Builder b = toBuilder();
    b.chunks = n;
    return new Behavior(b);
  }

  /**
   * For streams: after {@code chunks} SSE events (counting every {@code data:} event, the role chunk included) the
   * TCP connection is closed abruptly, never sending {@code [DONE]}. If the stream has fewer events it breaks right
   * before {@code [DONE]}. A non-stream request to such a behaviour gets its connection closed without a response.
   */
  public Behavior breakAfter(int chunks) {
    if (chunks < 0) {
      throw new IllegalArgumentException("chunks must be >= 0");
    }
    Builder b = toBuilder();
    b.breakAfter = chunks;
    return new Behavior(b);
  }

  /** Overrides the finish_reason of a reply/echo (e.g. {@code length}, {@code content_filter}). */
  public Behavior withFinishReason(String reason) {
    Builder b = toBuilder();
    b.finishReason = Objects.requireNonNull(reason, "reason");
    return new Behavior(b);
  }

  /**
   * A stream that never sends the usage chunk, even when the request asks for it ({@code stream_options.include_usage}),
   * as some OpenAI-compatible servers do.
   */
  public Behavior withoutStreamUsage() {
    Builder b = toBuilder();
    b.streamUsage = false;
    return new Behavior(b);
  }

  /**
   * For streams: after {@code events} events the stream carries the provider's error event with {@code body} as its
   * data and ends (no terminator): on Anthropic's {@code /v1/messages} an {@code event: error}, as Anthropic reports
   * e.g. {@code overloaded_error} mid-stream; on OpenAI-format paths a {@code data: <body>} event. A non-stream request
   * is answered normally.
   */
  public Behavior failStreamAfter(int events, String body) {
    if (events < 0) {
      throw new IllegalArgumentException("events must be >= 0");
    }
    Builder b = toBuilder();
    b.streamErrorAfter = events;
    b.streamErrorBody = Objects.requireNonNull(body, "body");
    return new Behavior(b);
  }

  // ---------------------------------------------------------------- accessors

  /** Events before a stream's error event ({@link #failStreamAfter}), or -1 for none. */
  public int streamErrorAfter() {
    return streamErrorAfter;
  }

  /** The data of the stream's error event, or null. */
  public String streamErrorBody() {
    return streamErrorBody;
  }

  /** False when a stream must not carry usage even if asked ({@link #withoutStreamUsage}). */
  public boolean streamUsage() {
    return streamUsage;
  }

  public Kind kind() {
    return kind;
  }

  /** The reply text, or null for other kinds. */
  public String text() {
    return text;
  }

  public String toolName() {
    return toolName;
  }

  public String toolArguments() {
    return toolArguments;
  }

  /** The error status, or 200. */
  public int status() {
    return status;
  }

  public String errorBody() {
    return errorBody;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Duration delay() {
    return delay;
  }

  public Duration streamGap() {
    return streamGap;
  }

  /** Requested number of content chunks, or 0 for the default split. */
  public int chunks() {
    return chunks;
  }

  /** Events before the connection is cut, or -1 for no break. */
  public int breakAfter() {
    return breakAfter;
  }

  /** Embedding dimensions, or 0 when not an {@link Kind#EMBEDDING} behaviour. */
  public int embeddingDims() {
    return embeddingDims;
  }

  /** The finish_reason to send: the override, else {@code tool_calls} for tool calls, else {@code stop}. */
  public String finishReason() {
    if (finishReason != null) {
      return finishReason;
    }
    return kind == Kind.TOOL_CALL ? "tool_calls" : "stop";
  }

  @Override
  public String toString() {
    return "Behavior{" + kind
        + (text != null ? ", text=" + text : "")
        + (toolName != null ? ", tool=" + toolName : "")
        + (kind == Kind.ERROR ? ", status=" + status : "")
        + (delay.isZero() ? "" : ", delay=" + delay)
        + (streamGap.isZero() ? "" : ", gap=" + streamGap)
        + (chunks > 0 ? ", chunks=" + chunks : "")
        + (breakAfter >= 0 ? ", breakAfter=" + breakAfter : "")
        + "}";
  }

  private static Duration nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative");
    }
    return d;
  }

  private Builder toBuilder() {
    Builder b = new Builder(kind);
    b.text = text;
    b.toolName = toolName;
    b.toolArguments = toolArguments;
    b.status = status;
    b.errorBody = errorBody;
    b.headers.putAll(headers);
    b.delay = delay;
    b.streamGap = streamGap;
    b.chunks = chunks;
    b.breakAfter = breakAfter;
    b.embeddingDims = embeddingDims;
    b.finishReason = finishReason;
    b.streamUsage = streamUsage;
    b.streamErrorAfter = streamErrorAfter;
    b.streamErrorBody = streamErrorBody;
    return b;
  }

  private static final class Builder {
    private final Kind kind;
    private String text;
    private String toolName;
    private String toolArguments;
    private int status = 200;
    private String errorBody;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration delay = Duration.ZERO;
    private Duration streamGap = Duration.ZERO;
    private int chunks;
    private int breakAfter = -1;
    private int embeddingDims;
    private String finishReason;
    private boolean streamUsage = true;
    private int streamErrorAfter = -1;
    private String streamErrorBody;

    private Builder(Kind kind) {
      this.kind = kind;
    }
  }
}
