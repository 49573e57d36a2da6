package dev.tollgate.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fake OpenAI-format upstream on 127.0.0.1, for tests and benchmarks. It answers {@code POST /v1/chat/completions}
 * (also {@code /chat/completions}, {@code /openai/v1/...} and Azure's {@code /openai/deployments/{d}/chat/completions}),
 * the matching embeddings paths and {@code GET /v1/models}, following scripts set per model or per request header, and
 * records every request. It also speaks Cohere's v2 API ({@code /v2/chat}, {@code /v2/embed}; see
 * {@link CohereUpstream}) and Ollama's native API ({@code /api/chat}, {@code /api/embed}; see {@link OllamaUpstream})
 * under {@link #rootUrl()}, with the same scripts. Azure AI Foundry's inference paths ({@code /models/chat/completions},
 * {@code /models/embeddings}) are answered in OpenAI's format after Azure's own checks ({@link AzureAiInferenceCheck}).
 * {@code POST /v1/messages} speaks Anthropic's Messages API
 * ({@link AnthropicMessagesHandler}); its base URL is {@link #rootUrl()}. Gemini's API and Vertex AI's Gemini and
 * Claude endpoints are answered by {@link GeminiFake}, with a Google OAuth2 token endpoint for Vertex AI's bearer
 * tokens ({@link #acceptGoogleServiceAccount}).
 * {@code POST /model/{modelId}/converse}, {@code /converse-stream} and {@code /invoke} speak
 * AWS Bedrock Runtime instead ({@link BedrockRuntimeHandler}, credentials in {@link FakeBedrock}); its endpoint is
 * {@link #rootUrl()}.
 *
 * <pre>{@code
 * try (FakeUpstream fake = FakeUpstream.start()) {
 *   fake.script("gpt-4o", Behavior.reply("Hello"));
 *   // point the client at fake.baseUrl()
 * }
 * }</pre>
 *
 * <p>Speaks HTTP/1.1 only (h2c upgrade disabled), so a client going away is a TCP close the fake can see; or, started
 * with {@link #start(int, int, FakeTls)}, HTTPS with a fixed self-signed certificate, offering HTTP/2 by ALPN or not
 * ({@link FakeTls}). Thread safe: scripts may change while requests run.
 */
public final class FakeUpstream implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 10;

  private final Vertx vertx;
  private final HttpServer server;
  private final StreamCounters counters = new StreamCounters();
  private final AnthropicPromptCache anthropicCache = new AnthropicPromptCache();
  private final Map<String, Behavior> modelScripts = new ConcurrentHashMap<>();
  private final List<HeaderScript> headerScripts = new ArrayList<>(); // guarded by itself
  private final List<RecordedRequest> requests = new ArrayList<>(); // guarded by itself
  private final GoogleOAuthFake googleOAuth = new GoogleOAuthFake();
  private volatile Behavior defaultBehavior = Behavior.echo();
  private volatile boolean recording = true;
  private volatile boolean closed;
  private final FakeTls tls;

  private final Map<String, Sequence> sequences = new ConcurrentHashMap<>();

  private record HeaderScript(String name, String value, Behavior behavior) {}

  /** Behaviours answered in turn; the last one repeats. */
  private record Sequence(List<Behavior> steps, java.util.concurrent.atomic.AtomicInteger next) {
    Behavior take() {
      int i = next.getAndIncrement();
      return steps.get(Math.min(i, steps.size() - 1));
    }
  }

  private FakeUpstream(int port, int eventLoops, FakeTls tls) {
    this.tls = tls;
    this.vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(Math.max(1, eventLoops)));
    try {
      if (eventLoops <= 1) {
        this.server = await(vertx.createHttpServer(tls.apply(options(port)))
            .requestHandler(new FakeRequestHandler(vertx, this, counters))
            .listen());
      } else {
        // One server per event loop, sharing one socket; a negative port is a random port they all share.
        int shared = port == 0 ? -1 : port;
        List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
        await(vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
          @Override
          public io.vertx.core.Future<?> start() {
            return vertx.createHttpServer(tls.apply(options(shared)))
                .requestHandler(new FakeRequestHandler(vertx, FakeUpstream.this, counters))
                .listen()
                .onSuccess(servers::add);
          }
        }, new io.vertx.core.DeploymentOptions().setInstances(eventLoops)));
        this.server = servers.get(0);
      }
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  private static HttpServerOptions options(int port) {
    return new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setHttp2ClearTextEnabled(false)
        .setTcpNoDelay(true);
  }

  /**
   * Starts a fake on the given port (0 = any free port) serving on several event loops, for load tests where one loop
   * would be the bottleneck.
   */
  public static FakeUpstream start(int port, int eventLoops) {
    if (port < 0 || port > 65535 || eventLoops < 1) {
      throw new IllegalArgumentException("bad port " + port + " or event loop count " + eventLoops);
    }
    return new FakeUpstream(port, eventLoops, FakeTls.NONE);
  }

  /**
   * Starts a fake on the given port (0 = any free port) on several event loops, speaking HTTPS as {@code tls} says
   * ({@link FakeTls#NONE}: plain HTTP). Its URLs then start with {@code https://127.0.0.1}.
   */
  public static FakeUpstream start(int port, int eventLoops, FakeTls tls) {
    if (port < 0 || port > 65535 || eventLoops < 1) {
      throw new IllegalArgumentException("bad port " + port + " or event loop count " + eventLoops);
    }
    return new FakeUpstream(port, eventLoops, Objects.requireNonNull(tls, "tls"));
  }

  /** Starts a fake on a free port of 127.0.0.1, with its own Vert.x instance. */
  public static FakeUpstream start() {
    return new FakeUpstream(0, 1, FakeTls.NONE);
  }

  /** Starts a fake on the given port of 127.0.0.1 (0 = any free port). */
  public static FakeUpstream start(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port " + port);
    }
    return new FakeUpstream(port, 1, FakeTls.NONE);
  }

  /** {@code http://127.0.0.1:<port>/v1} ({@code https} with TLS): the OpenAI base URL clients append {@code /chat/completions} to. */
  public String baseUrl() {
    return tls.scheme() + "://127.0.0.1:" + port() + "/v1";
  }

  /** {@code http://127.0.0.1:<port>} ({@code https} with TLS): the api_base of providers whose paths start at the root (Anthropic, Cohere,
   * Ollama, Gemini's {@code /v1beta/...}, Vertex AI's {@code /v1/projects/...}). */
  public String rootUrl() {
    return tls.scheme() + "://127.0.0.1:" + port();
  }

  public int port() {
    return server.actualPort();
  }

  // ---------------------------------------------------------------- scripting

  /** Answers requests whose body {@code model} (or Azure deployment) equals {@code model} with {@code behavior}. */
  public FakeUpstream script(String model, Behavior behavior) {
    modelScripts.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(behavior, "behavior"));
    return this;
  }

  /**
   * Answers the requests for {@code model} with {@code first}, then each of {@code then} in turn, the last one for
   * every later request (e.g. a 429, then a reply: a retry that succeeds). Wins over {@link #script}; scripting the
   * model again starts the sequence over.
   */
  public FakeUpstream scriptSequence(String model, Behavior first, Behavior... then) {
    List<Behavior> steps = new ArrayList<>();
    steps.add(Objects.requireNonNull(first, "first"));
    for (Behavior b : then) {
      steps.add(Objects.requireNonNull(b, "behavior"));
    }
    sequences.put(Objects.requireNonNull(model, "model"),
        new Sequence(List.copyOf(steps), new java.util.concurrent.atomic.AtomicInteger()));
    return this;
  }

  /**
   * Answers requests carrying header {@code name} (case-insensitive) with exactly {@code value} with
   * {@code behavior}. Header scripts win over model scripts; among header scripts the first registered matching one
   * wins. Scripting the same name and value again replaces the behaviour.
   */
  public FakeUpstream scriptHeader(String name, String value, Behavior behavior) {
    String key = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(behavior, "behavior");
    synchronized (headerScripts) {
      for (int i = 0; i < headerScripts.size(); i++) {
        HeaderScript s = headerScripts.get(i);
        if (s.name().equals(key) && s.value().equals(value)) {
          headerScripts.set(i, new HeaderScript(key, value, behavior));
          return this;
        }
      }
      headerScripts.add(new HeaderScript(key, value, behavior));
    }
    return this;
  }

  /** The behaviour for requests no script matches; {@link Behavior#echo()} unless set. */
  public FakeUpstream defaultBehavior(Behavior behavior) {
    this.defaultBehavior = Objects.requireNonNull(behavior, "behavior");
    return this;
  }

  /** Turns request recording on (the default) or off; benchmarks turn it off to keep memory flat. */
  public FakeUpstream recording(boolean on) {
    this.recording = on;
    return this;
  }

  /**
   * Lets the Google service account {@code clientEmail} get access tokens from {@link #googleTokenUri()} with JWTs
   * signed by the private half of {@code publicKey}; the Vertex AI paths accept only tokens issued that way.
   */
  public FakeUpstream acceptGoogleServiceAccount(String clientEmail, java.security.PublicKey publicKey) {
    googleOAuth.register(Objects.requireNonNull(clientEmail, "clientEmail"), Objects.requireNonNull(publicKey));
    return this;
  }

  /** The lifetime the token endpoint gives its access tokens ({@code expires_in}, 3600 s unless set). */
  public FakeUpstream googleTokenLifetime(java.time.Duration lifetime) {
    googleOAuth.expiresIn(lifetime.toSeconds());
    return this;
  }

  /** {@code http://127.0.0.1:<port>/token}: the Google OAuth2 token endpoint ({@code token_uri}) of this fake. */
  public String googleTokenUri() {
    return tls.scheme() + "://127.0.0.1:" + port() + GoogleOAuthFake.PATH;
  }

  /** Revokes every access token issued so far: the Vertex AI paths answer 401 UNAUTHENTICATED to them. */
  public FakeUpstream revokeGoogleTokens() {
    googleOAuth.revokeAll();
    return this;
  }

  /** Access tokens the fake token endpoint has issued. */
  public long issuedGoogleTokens() {
    return googleOAuth.issued();
  }

  GoogleOAuthFake googleOAuth() {
    return googleOAuth;
  }

  // ---------------------------------------------------------------- inspection

  /** The recorded requests in arrival order (a snapshot). */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The most recent request; throws {@link NoSuchElementException} when none has arrived. */
  public RecordedRequest lastRequest() {
    synchronized (requests) {
      if (requests.isEmpty()) {
        throw new NoSuchElementException("the fake upstream has received no request");
      }
      return requests.get(requests.size() - 1);
    }
  }

  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /**
   * Back to the state right after start: no scripts, echo as default, no recorded requests, recording on, stream
   * totals zeroed ({@link #activeStreams()} keeps counting live streams).
   */
  public void reset() {
    modelScripts.clear();
    sequences.clear();
    synchronized (headerScripts) {
      headerScripts.clear();
    }
    defaultBehavior = Behavior.echo();
    recording = true;
    clearRequests();
    counters.resetTotals();
    anthropicCache.clear();
  }

  /** Streams currently open: accepted and not yet ended, broken or cancelled (includes any initial delay). */
  public int activeStreams() {
    return counters.active.get();
  }

  /** Streams whose client went away before the end. */
  public int cancelledStreams() {
    return counters.cancelled.get();
  }

  /** Streams that ended with {@code [DONE]}. */
  public int completedStreams() {
    return counters.completed.get();
  }

  /** Streams the fake cut on purpose ({@link Behavior#breakAfter(int)}). */
  public int brokenStreams() {
    return counters.broken.get();
  }

  /** Stops the server and its Vert.x instance; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      await(server.close());
    } finally {
      await(vertx.close());
    }
  }

  // ---------------------------------------------------------------- used by the request handler

  void record(RecordedRequest request) {
    if (recording) {
      synchronized (requests) {
        requests.add(request);
      }
    }
  }

  Behavior behaviorFor(String model, HttpServerRequest request) {
    synchronized (headerScripts) {
      for (HeaderScript s : headerScripts) {
        if (request.headers().getAll(s.name()).contains(s.value())) {
          return s.behavior();
        }
      }
    }
    Sequence sequence = model == null ? null : sequences.get(model);
    if (sequence != null) {
      return sequence.take();
    }
    Behavior scripted = model == null ? null : modelScripts.get(model);
    return scripted != null ? scripted : defaultBehavior;
  }

  AnthropicPromptCache anthropicCache() {
    return anthropicCache;
  }

  Set<String> scriptedModels() {
    Set<String> models = new java.util.HashSet<>(modelScripts.keySet());
    models.addAll(sequences.keySet());
    return Set.copyOf(models);
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("fake upstream: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("fake upstream: timed out", e);
    }
  }
}
