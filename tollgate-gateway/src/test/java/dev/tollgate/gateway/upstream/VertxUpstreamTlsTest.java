package dev.tollgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.FakeTls;
import dev.tollgate.testkit.FakeUpstream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to {@code https} upstreams: HTTP/2 when the server offers it by ALPN (many calls on one connection), HTTP/1.1
 * when it does not, and the certificate checked as {@code ssl_verify} says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VertxUpstreamTlsTest {
  private static final String BODY = "{\"model\":\"tls-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String STREAM = BODY.replace("}]}", "}],\"stream\":true}");
  private final Vertx vertx = Vertx.vertx();
  private FakeUpstream h2;
  private FakeUpstream http1;
  private UpstreamTls trust;
  private VertxUpstream trusting;

  @BeforeAll
  void start(@TempDir Path dir) {
    h2 = FakeUpstream.start(0, 1, FakeTls.HTTP2).defaultBehavior(Behavior.reply("over tls").chunked(5));
    http1 = FakeUpstream.start(0, 1, FakeTls.HTTP1).defaultBehavior(Behavior.reply("over tls").chunked(5));
    trust = new UpstreamTls(true, FakeTls.writeCertificatePem(dir));
    trusting = new VertxUpstream(vertx, trust);
  }

  @AfterAll
  void stop() throws Exception {
    h2.close();
    http1.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpCall chat(FakeUpstream fake, String body) {
    return new HttpCall("POST", fake.baseUrl() + "/chat/completions",
        Map.of("Authorization", "Bearer sk-fake", "Content-Type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  /** The whole body of an opened reply: its handler is set before the paused reply is resumed. */
  private static Future<io.vertx.core.buffer.Buffer> body(VertxUpstream.OpenReply reply) {
    reply.cancelTimer();
    Future<io.vertx.core.buffer.Buffer> body = reply.response().body();
    reply.response().resume();
    return body;
  }

  @Test
  void aServerOfferingHttp2GetsHttp2() throws Exception {
    VertxUpstream.OpenReply reply = await(trusting.open(chat(h2, BODY), "openai", "tls-model"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.response().version()).isEqualTo(HttpVersion.HTTP_2);
    String text = await(body(reply)).toString();
    assertThat(text).contains("over tls");
  }

  @Test
  void aServerOfferingOnlyHttp1GetsHttp1() throws Exception {
    VertxUpstream.OpenReply reply = await(trusting.open(chat(http1, BODY), "openai", "tls-model"));
    assertThat(reply.response().version()).isEqualTo(HttpVersion.HTTP_1_1);
    HttpReply whole = await(trusting.send(chat(http1, BODY), "openai", "tls-model"));
    assertThat(whole.status()).isEqualTo(200);
    assertThat(new String(whole.body(), StandardCharsets.UTF_8)).contains("over tls");
  }

  @Test
  void aStreamOverHttp2ArrivesWholeChunkByChunk() throws Exception {
    h2.script("gapped", Behavior.reply("over tls").chunked(5).streamGap(Duration.ofMillis(30)));
    VertxUpstream.OpenReply reply = await(trusting.open(chat(h2, STREAM.replace("tls-model", "gapped")), "openai",
        "gapped"));
    assertThat(reply.response().getHeader("content-type")).startsWith("text/event-stream");
    Promise<String> all = Promise.promise();
    StringBuilder text = new StringBuilder();
    List<Integer> reads = new ArrayList<>();
    reply.response().handler(b -> {
      reads.add(b.length());
      text.append(b.toString(StandardCharsets.UTF_8));
    });
    reply.response().endHandler(v -> all.complete(text.toString()));
    reply.response().exceptionHandler(all::tryFail);
    reply.cancelTimer();
    reply.response().resume();
    String sse = await(all.future());
    assertThat(sse).contains("\"content\":\"ov\"").contains("\"content\":\"er\"").endsWith("data: [DONE]\n\n");
    assertThat(reads).hasSizeGreaterThan(1);
  }

  @Test
  void concurrentCallsToAnHttp2ServerShareAConnection() throws Exception {
    VertxUpstream upstream = new VertxUpstream(vertx, trust);
    try {
      HttpConnection first = await(upstream.open(chat(h2, STREAM), "openai", "tls-model")).request().connection();
      List<VertxUpstream.OpenReply> replies = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        replies.add(await(upstream.open(chat(h2, STREAM), "openai", "tls-model")));
      }
      Map<HttpConnection, Boolean> connections = new IdentityHashMap<>();
      replies.forEach(r -> connections.put(r.request().connection(), true));
      // over HTTP/1.1 each of the twenty open streams holds a connection of its own
      assertThat(connections).containsOnlyKeys(first);
      replies.forEach(VertxUpstream.OpenReply::cancel);
    } finally {
      upstream.close();
    }
  }

  @Test
  void aPausedStreamDoesNotHoldUpAnotherOnTheSameConnection() throws Exception {
    h2.script("big-reply", Behavior.reply("x".repeat(300_000)).chunked(100));
    VertxUpstream upstream = new VertxUpstream(vertx, trust);
    try {
      // a client that reads slowly: its stream stays paused, unread, with more than a window's worth on the way
      VertxUpstream.OpenReply slow = await(upstream.open(chat(h2, STREAM.replace("tls-model", "big-reply")),
          "openai", "big-reply"));
      slow.cancelTimer();
      Thread.sleep(300);
      VertxUpstream.OpenReply other = await(upstream.open(chat(h2, STREAM), "openai", "tls-model"));
      assertThat(other.request().connection()).isSameAs(slow.request().connection());
      other.cancelTimer();
      String text = await(body(other)).toString();
      assertThat(text).endsWith("data: [DONE]\n\n");
      slow.cancel();
    } finally {
      upstream.close();
    }
  }

  @Test
  void connectionHeadersFromAConfigDoNotBreakAnHttp2Call() throws Exception {
    // what a deployment's extra_headers might name; HTTP/2 refuses a request that carries connection-level headers
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Authorization", "Bearer sk-fake");
    headers.put("Content-Type", "application/json");
    headers.put("Connection", "keep-alive");
    headers.put("Keep-Alive", "timeout=5");
    headers.put("Transfer-Encoding", "chunked");
    headers.put("Host", "elsewhere.example");
    headers.put("X-Team", "search");
    HttpCall call = new HttpCall("POST", h2.baseUrl() + "/chat/completions", headers,
        BODY.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    HttpReply reply = await(trusting.send(call, "openai", "tls-model"));
    assertThat(reply.status()).isEqualTo(200);
    dev.tollgate.testkit.RecordedRequest seen = h2.requests().getLast();
    assertThat(seen.header("x-team")).isEqualTo("search");
    assertThat(seen.header("connection")).isNull();
    assertThat(seen.header("transfer-encoding")).isNull();
  }

  @Test
  void aTlsHandshakeThatNeverEndsTimesOutWithTheCall() throws Exception {
    // accepts TCP (the kernel does, from the backlog) but never answers the TLS client hello
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      HttpCall call = new HttpCall("POST", "https://127.0.0.1:" + silent.getLocalPort() + "/v1/chat/completions",
          Map.of("content-type", "application/json"), BODY.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(500));
      long start = System.nanoTime();
      assertThatThrownBy(() -> await(trusting.send(call, "openai", "tls-model")))
          .isInstanceOf(dev.tollgate.providers.error.TimeoutException.class)
          .hasMessageContaining("openai timed out");
      // the TLS handshake's own limit is 10 s: the call's 500 ms applies before it
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void theJdksAuthoritiesRefuseASelfSignedCertificate() {
    VertxUpstream checking = new VertxUpstream(vertx, UpstreamTls.DEFAULT);
    try {
      assertThatThrownBy(() -> await(checking.send(chat(h2, BODY), "openai", "tls-model")))
          .isInstanceOf(APIConnectionException.class)
          .hasMessageContaining("cannot reach openai: the TLS handshake failed")
          .hasMessageContaining("litellm_settings.ssl_verify");
    } finally {
      checking.close();
    }
  }

  @Test
  void sslVerifyFalseAcceptsASelfSignedCertificate() throws Exception {
    VertxUpstream unchecked = new VertxUpstream(vertx, new UpstreamTls(false, null));
    try {
      HttpReply reply = await(unchecked.send(chat(h2, BODY), "openai", "tls-model"));
      assertThat(reply.status()).isEqualTo(200);
    } finally {
      unchecked.close();
    }
  }
}
