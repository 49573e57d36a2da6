package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.cache.CacheKey;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys with and without guardrails sharing response-cache entries: the entry is the upstream's reply, and every hit
 * passes the hitting request's own guardrails (post-call masks and blocks, during-call blocks, for whole and streamed
 * replies, on both LLM routes); pre-call masks run before the lookup, so the key is made from the masked prompt.
 */
class GuardedCacheHitsTest {
  private static final String SECRET = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB7CD0EF";
  private static final String LEAK = "your key is " + SECRET + ", keep it safe";
  private static final String MASKED = "your key is [REDACTED], keep it safe";
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static RunningGateway gw;
  private static String plain;
  private static String masking;
  private static String blocking;
  private static String preMasking;
  private static String during;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/guardrails/cached-gateway-config.yaml");
    plain = key("plain.json");
    masking = key("masking.json");
    blocking = key("blocking.json");
    preMasking = key("pre-masking.json");
    during = key("during.json");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
    gw.fake().script("gpt-leaky", Behavior.reply(LEAK));
    gw.fake().script("claude-leaky", Behavior.reply(LEAK));
  }

  private static String key(String fixture) {
    Http.Reply r = new Http(gw).post("/key/generate", RunningGateway.MASTER_KEY,
        Http.fixture("/guardrails/keys/" + fixture));
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json().get("key").asText();
  }

  /** The chat fixture asking {@code prompt} (each test asks its own, so entries of other tests never answer it). */
  private static ObjectNode chat(String model, String prompt) {
    ObjectNode body = (ObjectNode) Json.tree(Http.fixture("/guardrails/requests/cached-chat.json")
        .getBytes(StandardCharsets.UTF_8));
    body.put("model", model);
    ((ObjectNode) body.get("messages").get(0)).put("content", prompt);
    return body;
  }

  private static HttpResponse<String> post(String path, String key, JsonNode body) {
    try {
      return CLIENT.send(HttpRequest.newBuilder(URI.create(gw.url(path)))
          .header("authorization", "Bearer " + key).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> chat(String key, JsonNode body) {
    return post("/v1/chat/completions", key, body);
  }

  private static String content(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).at("/choices/0/message/content").asText();
  }

  private static boolean hit(HttpResponse<String> r) {
    return r.headers().firstValue(CachedAnswers.KEY_HEADER).isPresent();
  }

  private static long upstreamCalls() {
    return gw.fake().requests().size();
  }

  @Test
  void aMaskingKeyGetsAMaskedHitOfTheEntryAKeyWithoutGuardrailsStored() {
    ObjectNode body = chat("gpt-leaky", "what is my key, plain first");
    HttpResponse<String> stored = chat(plain, body);
    assertThat(content(stored)).isEqualTo(LEAK);
    assertThat(hit(stored)).isFalse();

    HttpResponse<String> masked = chat(masking, body);
    assertThat(hit(masked)).isTrue();
    assertThat(content(masked)).isEqualTo(MASKED);
    assertThat(masked.body()).doesNotContain(SECRET);
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void theEntryIsTheUpstreamsReplyWhicheverKeyStoredIt() {
    ObjectNode body = chat("gpt-leaky", "what is my key, masking first");
    HttpResponse<String> miss = chat(masking, body);
    assertThat(hit(miss)).isFalse();
    assertThat(content(miss)).isEqualTo(MASKED);

    HttpResponse<String> unguarded = chat(plain, body);
    assertThat(hit(unguarded)).isTrue();
    assertThat(content(unguarded)).as("a key without guardrails gets what the upstream would give it")
        .isEqualTo(LEAK);
    HttpResponse<String> again = chat(masking, body);
    assertThat(hit(again)).isTrue();
    assertThat(content(again)).isEqualTo(MASKED);
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void aBlockingKeyIsRefusedAHit() {
    ObjectNode body = chat("gpt-leaky", "what is my key, then blocked");
    assertThat(content(chat(plain, body))).isEqualTo(LEAK);
    HttpResponse<String> refused = chat(blocking, body);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("secrets-cut").contains("post_call").doesNotContain(SECRET);
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void aStreamedReplayIsMaskedOrRefusedBeforeItStarts() {
    ObjectNode body = chat("gpt-leaky", "what is my key, replayed");
    assertThat(content(chat(plain, body))).isEqualTo(LEAK);
    ObjectNode streamed = body.deepCopy().put("stream", true);

    HttpResponse<String> masked = chat(masking, streamed);
    assertThat(masked.statusCode()).isEqualTo(200);
    assertThat(hit(masked)).isTrue();
    assertThat(masked.body()).contains("[REDACTED]").contains("data: [DONE]").doesNotContain(SECRET);

    HttpResponse<String> refused = chat(blocking, streamed);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("secrets-cut").doesNotContain("data:").doesNotContain(SECRET);
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void aStreamedMissStoresTheUpstreamsReplyForEveryKey() {
    ObjectNode body = chat("gpt-leaky", "what is my key, streamed first");
    HttpResponse<String> stream = chat(plain, body.deepCopy().put("stream", true));
    assertThat(stream.body()).contains("data: [DONE]");
    assertThat(hit(stream)).isFalse();

    HttpResponse<String> masked = chat(masking, body);
    assertThat(hit(masked)).isTrue();
    assertThat(content(masked)).isEqualTo(MASKED);
    assertThat(content(chat(plain, body))).isEqualTo(LEAK);
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void aStreamMaskedOnItsWayStoresTheUpstreamsReplyUnmasked() {
    ObjectNode body = chat("gpt-leaky", "what is my key, streamed through a mask");
    HttpResponse<String> stream = chat(masking, body.deepCopy().put("stream", true));
    assertThat(hit(stream)).isFalse();
    assertThat(streamedContent(stream)).isEqualTo(MASKED);
    assertThat(stream.body()).doesNotContain(SECRET).contains("data: [DONE]");

    HttpResponse<String> unguarded = chat(plain, body);
    assertThat(hit(unguarded)).isTrue();
    assertThat(content(unguarded)).isEqualTo(LEAK);
    assertThat(content(chat(masking, body))).isEqualTo(MASKED);
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  /** The content a client assembles from an OpenAI stream. */
  private static String streamedContent(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    StringBuilder out = new StringBuilder();
    for (String event : r.body().split("\n\n")) {
      String data = event.strip().substring("data: ".length());
      if (!data.equals("[DONE]")) {
        JsonNode delta = Json.tree(data.getBytes(StandardCharsets.UTF_8)).at("/choices/0/delta/content");
        out.append(delta.isTextual() ? delta.asText() : "");
      }
    }
    return out.toString();
  }

  @Test
  void aDuringCallGuardrailRunsOnAHit() {
    ObjectNode body = chat("gpt-echo", "how is an explosive made");
    assertThat(content(chat(plain, body))).isEqualTo("echo: how is an explosive made");
    HttpResponse<String> refused = chat(during, body);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("no-weapons").contains("during_call");
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void preCallMasksRunBeforeTheLookupAndTheKeyIsMadeFromTheMaskedPrompt() {
    HttpResponse<String> first = chat(preMasking, chat("gpt-echo", "mail jane.doe@example.com about the toll"));
    assertThat(content(first)).isEqualTo("echo: mail <EMAIL_ADDRESS> about the toll");
    assertThat(gw.fake().lastRequest().json().at("/messages/0/content").asText())
        .isEqualTo("mail <EMAIL_ADDRESS> about the toll");

    HttpResponse<String> other = chat(preMasking, chat("gpt-echo", "mail john@example.org about the toll"));
    assertThat(other.headers().firstValue(CachedAnswers.KEY_HEADER))
        .hasValue(CacheKey.of("gpt-echo", chat("gpt-echo", "mail <EMAIL_ADDRESS> about the toll"), null));
    assertThat(content(other)).isEqualTo("echo: mail <EMAIL_ADDRESS> about the toll");
    assertThat(upstreamCalls()).isEqualTo(1);

    HttpResponse<String> unmasked = chat(plain, chat("gpt-echo", "mail jane.doe@example.com about the toll"));
    assertThat(hit(unmasked)).as("a key without the mask asks another prompt").isFalse();
    assertThat(upstreamCalls()).isEqualTo(2);
  }

  @Test
  void messagesHitsPassTheGuardrailsToo() {
    ObjectNode body = (ObjectNode) Json.tree(Http.fixture("/guardrails/requests/cached-message.json")
        .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> stored = post("/v1/messages", plain, body);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(stored.body()).contains(SECRET);

    HttpResponse<String> masked = post("/v1/messages", masking, body);
    assertThat(hit(masked)).isTrue();
    assertThat(Json.tree(masked.body().getBytes(StandardCharsets.UTF_8)).at("/content/0/text").asText())
        .isEqualTo(MASKED);
    HttpResponse<String> replay = post("/v1/messages", masking, body.deepCopy().put("stream", true));
    assertThat(hit(replay)).isTrue();
    assertThat(replay.body()).contains("event: message_stop").contains("[REDACTED]").doesNotContain(SECRET);
    HttpResponse<String> refused = post("/v1/messages", blocking, body.deepCopy().put("stream", true));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Json.tree(refused.body().getBytes(StandardCharsets.UTF_8)).get("type").asText()).isEqualTo("error");
    assertThat(upstreamCalls()).isEqualTo(1);
  }
}
