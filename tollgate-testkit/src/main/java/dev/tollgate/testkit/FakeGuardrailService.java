package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A fake guardrail service on 127.0.0.1 speaking LiteLLM's Generic Guardrail API: it answers
 * {@code POST <route>/beta/litellm_basic_guardrail_api} with the {@link GuardrailAnswer} scripted for the route (the
 * path before the suffix, without its leading slash: {@code api_base: http://127.0.0.1:<port>/slow} is route
 * {@code slow}; the root is route {@code ""}), {@link GuardrailAnswer#pass()} when none is, and records every call.
 * Any other path is a 404.
 *
 * <pre>{@code
 * try (FakeGuardrailService guard = FakeGuardrailService.start()) {
 *   guard.script("strict", GuardrailAnswer.block("no"));
 *   // api_base: guard.url("strict")
 * }
 * }</pre>
 *
 * Thread safe: scripts may change while calls run.
 */
public final class FakeGuardrailService implements AutoCloseable {
  /** LiteLLM's path for the contract, appended to {@code api_base}. */
  public static final String PATH = "/beta/litellm_basic_guardrail_api";
  private final Vertx vertx;
  private final HttpServer server;
  private final Map<String, GuardrailAnswer> scripts = new ConcurrentHashMap<>();
  private final List<Call> calls = new ArrayList<>(); // guarded by itself

  private int answered; // guarded by calls

  private record Call(String route, RecordedRequest request) {}

  private FakeGuardrailService() {
    this.vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    try {
      this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
              .setHttp2ClearTextEnabled(false))
          .requestHandler(this::handle)
          .listen().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the fake guardrail service did not start", e);
    }
  }

  /** Starts a fake on a free port of 127.0.0.1, with its own Vert.x instance. */
  public static FakeGuardrailService start() {
    return new FakeGuardrailService();
  }

  /** {@code http://127.0.0.1:<port>}: the {@code api_base} of route {@code ""}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The {@code api_base} of {@code route}. */
  public String url(String route) {
    return route.isEmpty() ? baseUrl() : baseUrl() + "/" + route;
  }

  /** Answers the calls to {@code route} with {@code answer}. */
  public FakeGuardrailService script(String route, GuardrailAnswer answer) {
    scripts.put(Objects.requireNonNull(route, "route"), Objects.requireNonNull(answer, "answer"));
    return this;
  }

  /** Forgets the scripts and the recorded calls. */
  public FakeGuardrailService reset() {
    scripts.clear();
    synchronized (calls) {
      calls.clear();
      answered = 0;
    }
    return this;
  }

  /** Every call received, in order. */
  public List<RecordedRequest> calls() {
    synchronized (calls) {
      return calls.stream().map(Call::request).toList();
    }
  }

  /** The calls received on {@code route}, in order. */
  public List<RecordedRequest> calls(String route) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.route().equals(route)).map(Call::request).toList();
    }
  }

  /** How many calls have been answered so far (held and delayed answers count once sent). */
  public int answered() {
    synchronized (calls) {
      return answered;
    }
  }

  /** The last call received on {@code route}; fails when there was none. */
  public RecordedRequest lastCall(String route) {
    List<RecordedRequest> on = calls(route);
    if (on.isEmpty()) {
      throw new java.util.NoSuchElementException("the fake guardrail service got no call on route '" + route + "'");
    }
    return on.get(on.size() - 1);
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      String path = request.path();
      if (!"POST".equals(request.method().name()) || !path.endsWith(PATH)) {
        request.response().setStatusCode(404).end("no such path: " + path);
        return;
      }
      String route = path.substring(0, path.length() - PATH.length()).replaceFirst("^/", "");
      Map<String, List<String>> headers = new LinkedHashMap<>();
      request.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
      RecordedRequest recorded = new RecordedRequest("POST", path, request.query(), headers, body.getBytes());
      synchronized (calls) {
        calls.add(new Call(route, recorded));
      }
      GuardrailAnswer answer = scripts.getOrDefault(route, GuardrailAnswer.pass());
      JsonNode json;
      try {
        json = Json.MAPPER.readTree(body.getBytes());
      } catch (java.io.IOException e) {
        json = Json.object();
      }
      JsonNode parsed = json == null ? Json.object() : json;
      io.vertx.core.Context context = vertx.getOrCreateContext();
      Runnable reply = () -> {
        if (!request.response().closed()) {
          synchronized (calls) {
            answered++; // before the answer leaves, so a client that has it sees the count
          }
          request.response().setStatusCode(answer.statusCode()).putHeader("content-type", "application/json")
              .end(Buffer.buffer(answer.body(parsed)));
        }
      };
      Runnable delayed = () -> {
        long millis = answer.delay().toMillis();
        if (millis > 0) {
          vertx.setTimer(millis, id -> reply.run());
        } else {
          reply.run();
        }
      };
      if (answer.release() == null) {
        delayed.run();
      } else {
        answer.release().whenComplete((v, e) -> context.runOnContext(x -> delayed.run()));
      }
    });
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
