package dev.tollgate.gateway.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-request hooks with built-in and remote guardrails mixed (remote ones are stubs here; the HTTP ones are in
 * RemoteGuardrailsHttpTest): order, masks feeding the next guardrail, blocks, timeouts and fail modes, during-call
 * runs, logging-only masks after completion, and the synchronous path kept for built-ins only.
 */
class RequestGuardrailsTest {
  private static Vertx vertx;
  private static GuardrailServices services;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    services = new GuardrailServices(vertx, null, null);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** A remote guardrail whose answer the test decides; it remembers the texts it was sent. */
  private static final class Stub implements AsyncGuardrail {
    final List<List<String>> seen = new ArrayList<>();
    final Function<List<String>, Future<Verdict>> answer;
    final FailurePolicy policy;
    final Duration timeout;

    Stub(Function<List<String>, Future<Verdict>> answer, FailurePolicy policy) {
      this(answer, policy, Duration.ofSeconds(10));
    }

    Stub(Function<List<String>, Future<Verdict>> answer, FailurePolicy policy, Duration timeout) {
      this.answer = answer;
      this.policy = policy;
      this.timeout = timeout;
    }

    @Override
    public Future<Verdict> check(List<String> texts, GuardrailCall call) {
      seen.add(texts);
      return answer.apply(texts);
    }

    @Override
    public Duration timeout() {
      return timeout;
    }

    @Override
    public FailurePolicy failures() {
      return policy;
    }
  }

  private static Stub replacing(String from, String to) {
    return new Stub(texts -> Future.succeededFuture(new Verdict.Masked(
        texts.stream().map(t -> t.replace(from, to)).toList(), List.of())), FailurePolicy.CLOSED);
  }

  private static Guardrail builtInReplacing(String from, String to, List<List<String>> seen) {
    return texts -> {
      seen.add(List.copyOf(texts));
      List<String> out = texts.stream().map(t -> t.replace(from, to)).toList();
      return out.equals(texts) ? Verdict.PASS : new Verdict.Masked(out, List.of("WORD"));
    };
  }

  private static ConfiguredGuardrail builtIn(String name, GuardrailMode mode, Guardrail check) {
    return new ConfiguredGuardrail(name, "tollgate/keywords", Set.of(mode), true, null, Json.object(), check);
  }

  private static ConfiguredGuardrail remote(String name, GuardrailMode mode, AsyncGuardrail check) {
    return new ConfiguredGuardrail(name, "generic_guardrail_api", Set.of(mode), true, null, Json.object(), null,
        check);
  }

  private static ObjectNode body(String text) {
    ObjectNode body = Json.object().put("model", "m");
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    return body;
  }

  private static CallRecord record() {
    return new CallRecord("req-1", "acompletion", System.currentTimeMillis(), "hash", null);
  }

  private static RequestGuardrails guards(CallRecord record, ObjectNode body, ConfiguredGuardrail... all) {
    return RequestGuardrails.of(new GuardrailSet(List.of(all)), body, null, null, record, GuardrailMetrics.NONE,
        services, null);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  private static JsonNode runs(CallRecord record) {
    return record.metadata.get("guardrail_information");
  }

  @Test
  void preCallRunsInConfigOrderAndEachMaskFeedsTheNext() throws Exception {
    List<List<String>> firstSaw = new ArrayList<>();
    List<List<String>> lastSaw = new ArrayList<>();
    Stub middle = replacing("phone", "[PHONE]");
    ObjectNode body = body("secret and phone");
    CallRecord record = record();
    RequestGuardrails g = guards(record, body,
        builtIn("first", GuardrailMode.PRE_CALL, builtInReplacing("secret", "[S]", firstSaw)),
        remote("middle", GuardrailMode.PRE_CALL, middle),
        builtIn("last", GuardrailMode.PRE_CALL, builtInReplacing("nothing", "x", lastSaw)));

    assertThat(g.needsAsync(GuardrailMode.PRE_CALL)).isTrue();
    assertThatThrownBy(() -> g.preCall(body)).isInstanceOf(IllegalStateException.class);
    await(g.preCallAsync(body));

    assertThat(firstSaw).containsExactly(List.of("secret and phone"));
    assertThat(middle.seen).containsExactly(List.of("[S] and phone"));
    assertThat(lastSaw).containsExactly(List.of("[S] and [PHONE]"));
    assertThat(body.at("/messages/0/content").asText()).isEqualTo("[S] and [PHONE]");
    assertThat(runs(record).findValuesAsText("guardrail_status")).containsExactly("masked", "masked", "passed");

    ObjectNode retry = body("secret and phone");
    g.remask(retry); // a retry's fresh copy of the body gets the same masks, nothing runs again
    assertThat(retry.at("/messages/0/content").asText()).isEqualTo("[S] and [PHONE]");
    assertThat(middle.seen).hasSize(1);
  }

  @Test
  void postCallRunsInReverseOrder() throws Exception {
    List<List<String>> builtInSaw = new ArrayList<>();
    Stub remoteFirstInConfig = replacing("[B]", "[R]");
    RequestGuardrails g = guards(record(), body("q"),
        remote("r", GuardrailMode.POST_CALL, remoteFirstInConfig),
        builtIn("b", GuardrailMode.POST_CALL, builtInReplacing("answer", "[B]", builtInSaw)));
    byte[] reply = "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"the answer\"}}]}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    byte[] out = await(g.postCallAsync(reply));

    assertThat(builtInSaw).containsExactly(List.of("the answer"));
    assertThat(remoteFirstInConfig.seen).containsExactly(List.of("the [B]"));
    assertThat(Json.tree(out).at("/choices/0/message/content").asText()).isEqualTo("the [R]");
  }

  @Test
  void aRemoteBlockStopsTheChainWithTheGuardrailsReason() {
    List<List<String>> after = new ArrayList<>();
    Stub blocking = new Stub(t -> Future.succeededFuture(new Verdict.Blocked(List.of(), "off topic")),
        FailurePolicy.CLOSED);
    ObjectNode body = body("hello");
    RequestGuardrails g = guards(record(), body, remote("strict", GuardrailMode.PRE_CALL, blocking),
        builtIn("later", GuardrailMode.PRE_CALL, builtInReplacing("x", "y", after)));

    assertThatThrownBy(() -> await(g.preCallAsync(body))).isInstanceOfSatisfying(ApiError.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).contains("'strict' (pre_call)").contains("reason: off topic");
    });
    assertThat(after).isEmpty();
  }

  @Test
  void aRemoteThatNeverAnswersTimesOutClosedOrOpen() throws Exception {
    Stub silentClosed = new Stub(t -> Promise.<Verdict>promise().future(), FailurePolicy.CLOSED,
        Duration.ofMillis(100));
    CallRecord closedRecord = record();
    ObjectNode closedBody = body("hello");
    RequestGuardrails closed = guards(closedRecord, closedBody, remote("silent", GuardrailMode.PRE_CALL,
        silentClosed));
    assertThatThrownBy(() -> await(closed.preCallAsync(closedBody))).isInstanceOfSatisfying(ApiError.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.type()).isEqualTo(GuardrailUnavailable.TYPE);
      assertThat(e.getMessage()).contains("'silent'").contains("no verdict within 100 ms");
    });
    assertThat(runs(closedRecord).get(0).get("guardrail_status").asText()).isEqualTo("timeout");

    Stub silentOpen = new Stub(t -> Promise.<Verdict>promise().future(), new FailurePolicy(true, true),
        Duration.ofMillis(100));
    CallRecord openRecord = record();
    ObjectNode openBody = body("hello");
    await(guards(openRecord, openBody, remote("silent", GuardrailMode.PRE_CALL, silentOpen))
        .preCallAsync(openBody));
    JsonNode run = runs(openRecord).get(0);
    assertThat(run.get("guardrail_status").asText()).isEqualTo("timeout");
    assertThat(run.get("fail_open").asBoolean()).isTrue();
    assertThat(openBody.at("/messages/0/content").asText()).isEqualTo("hello");
  }

  @Test
  void aMaskOfTheWrongSizeIsAFailure() {
    Stub wrong = new Stub(t -> Future.succeededFuture(new Verdict.Masked(List.of("a", "b"), List.of())),
        FailurePolicy.CLOSED);
    ObjectNode body = body("one text");
    assertThatThrownBy(() -> await(guards(record(), body, remote("wrong", GuardrailMode.PRE_CALL, wrong))
        .preCallAsync(body))).isInstanceOfSatisfying(ApiError.class, e ->
            assertThat(e.getMessage()).contains("answered 2 texts for the 1"));
  }

  @Test
  void duringCallRemoteRunsAreJoinedAndTheirBlockHeld() throws Exception {
    Promise<Verdict> verdict = Promise.promise();
    ObjectNode body = body("hello");
    RequestGuardrails g = guards(record(), body, remote("beside", GuardrailMode.DURING_CALL,
        new Stub(t -> verdict.future(), FailurePolicy.CLOSED)));
    g.preCall(body); // no remote pre-call guardrail: the synchronous path
    g.duringCall();
    Future<Void> pending = g.duringCallPending();
    assertThat(pending).isNotNull();
    assertThat(g.duringCallBlock()).isNull();
    verdict.complete(new Verdict.Blocked(List.of(), "no"));
    await(pending);
    assertThat(g.duringCallPending()).isNull();
    assertThat(g.duringCallBlock().getMessage()).contains("'beside' (during_call)").contains("reason: no");
  }

  @Test
  void loggingOnlyRemoteMasksTheStoredTextsBeforeTheRecordIsHandedOn() throws Exception {
    Promise<Verdict> answer = Promise.promise();
    Stub logMask = new Stub(t -> answer.future(), FailurePolicy.CLOSED);
    CallRecord record = record();
    record.storePrompts = true;
    record.messages = "[{\"role\": \"user\", \"content\": \"my pin is 1234\"}]";
    record.response = "{\"content\": \"noted 1234\"}";
    List<String> handedOn = new ArrayList<>();
    record.onComplete(r -> handedOn.add(r.messages + " | " + r.response));
    guards(record, body("x"), remote("log", GuardrailMode.LOGGING_ONLY, logMask));
    assertThat(record.storedTextMasks).isNotNull();
    assertThat(record.storedTextFilter).isNull();

    record.complete(200, false);
    assertThat(handedOn).isEmpty(); // held until the remote masks are in
    assertThat(record.acceptsGuardrailRuns()).isTrue();
    List<String> sent = logMask.seen.get(0);
    answer.complete(new Verdict.Masked(sent.stream().map(t -> t.replace("1234", "[PIN]")).toList(), List.of()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (handedOn.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(handedOn).hasSize(1);
    assertThat(handedOn.get(0)).contains("my pin is [PIN]").contains("noted [PIN]").doesNotContain("1234");
    assertThat(record.acceptsGuardrailRuns()).isFalse();
    assertThat(runs(record).get(0).get("guardrail_status").asText()).isEqualTo("masked");
  }

  @Test
  void builtInsOnlyStayOnTheSynchronousPath() {
    ObjectNode body = body("secret");
    RequestGuardrails g = guards(record(), body,
        builtIn("b", GuardrailMode.PRE_CALL, builtInReplacing("secret", "[S]", new ArrayList<>())));
    for (GuardrailMode mode : GuardrailMode.values()) {
      assertThat(g.needsAsync(mode)).isFalse();
    }
    g.preCall(body);
    assertThat(body.at("/messages/0/content").asText()).isEqualTo("[S]");
    g.duringCall();
    assertThat(g.duringCallPending()).isNull();
  }
}
