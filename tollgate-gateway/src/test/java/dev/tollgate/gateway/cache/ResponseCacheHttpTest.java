package dev.tollgate.gateway.cache;

import static dev.tollgate.gateway.cache.CacheClient.chat;
import static dev.tollgate.gateway.cache.CacheClient.content;
import static dev.tollgate.gateway.cache.CacheClient.upstreamChats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-memory response cache through a running gateway: the OpenAI SDK and raw HTTP in front of a fake upstream. */
class ResponseCacheHttpTest {
  private static RunningGateway gw;
  private static OpenAIClient sdk;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/cache/cache-local-config.yaml");
    sdk = OpenAIOkHttpClient.builder().apiKey(RunningGateway.MASTER_KEY).baseUrl(gw.baseUrl()).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    sdk.close();
    gw.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
  }

  private static ChatCompletionCreateParams.Builder ask(String prompt) {
    return ChatCompletionCreateParams.builder().model("gpt-fake").addUserMessage(prompt).temperature(0.0);
  }

  @Test
  void theSecondIdenticalSdkRequestDoesNotReachTheUpstream() {
    ChatCompletion first = sdk.chat().completions().create(ask("sdk hit").build());
    ChatCompletion second = sdk.chat().completions().create(ask("sdk hit").build());

    assertThat(upstreamChats(gw)).isEqualTo(1);
    assertThat(second.choices().get(0).message().content()).isEqualTo(first.choices().get(0).message().content());
    assertThat(second.choices().get(0).message().content().orElseThrow()).contains("sdk hit");
    // another parameter value is another entry
    sdk.chat().completions().create(ask("sdk hit").temperature(0.5).build());
    assertThat(upstreamChats(gw)).isEqualTo(2);
  }

  @Test
  void aHitNamesItsKeyCostsNothingAndIsMarkedOnItsSpendRow() {
    ObjectNode body = chat("spend row");
    HttpResponse<String> miss = chat(gw, body);
    HttpResponse<String> hit = chat(gw, body);

    String key = CacheKey.of("gpt-fake", body, null);
    assertThat(miss.headers().firstValue("x-litellm-cache-key")).isEmpty();
    assertThat(hit.statusCode()).isEqualTo(200);
    assertThat(hit.headers().firstValue("x-litellm-cache-key")).hasValue(key);
    assertThat(hit.headers().firstValue("x-litellm-response-cost")).hasValue("0.0");
    assertThat(hit.headers().firstValue("x-litellm-model-group")).hasValue("gpt-fake");
    assertThat(content(hit)).isEqualTo(content(miss));
    assertThat(upstreamChats(gw)).isEqualTo(1);

    gw.controlPlane().spend().flush();
    JsonNode hitRow = row(hit);
    assertThat(hitRow.get("cache_hit").asText()).isEqualTo("True");
    assertThat(hitRow.get("cache_key").asText()).isEqualTo(key);
    assertThat(hitRow.get("spend").asDouble()).isZero();
    assertThat(hitRow.get("status").asText()).isEqualTo("success");
    JsonNode missRow = row(miss);
    assertThat(missRow.get("cache_hit").asText()).isEqualTo("False");
    assertThat(missRow.get("cache_key").asText()).isEqualTo(key);
  }

  private static JsonNode row(HttpResponse<String> response) {
    String id = response.headers().firstValue("x-litellm-call-id").orElseThrow();
    Http.Reply logs = new Http(gw).get("/spend/logs?request_id=" + id, RunningGateway.MASTER_KEY);
    assertThat(logs.json()).hasSize(1);
    return logs.json().get(0);
  }

  @Test
  void aStreamRequestIsServedFromAnEntryAsReplayedChunks() {
    String answer = sdk.chat().completions().create(ask("replay me").build()).choices().get(0).message().content()
        .orElseThrow();
    String text;
    long usageChunks;
    try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(ask("replay me")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      List<ChatCompletionChunk> chunks = stream.stream().toList();
      text = chunks.stream().flatMap(c -> c.choices().stream())
          .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
      usageChunks = chunks.stream().filter(c -> c.usage().isPresent()).count();
    }
    assertThat(text).isEqualTo(answer);
    assertThat(usageChunks).isEqualTo(1);
    assertThat(upstreamChats(gw)).isEqualTo(1);
  }

  @Test
  void aCompletedStreamIsStoredForTheNextRequest() {
    String streamed;
    try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions()
        .createStreaming(ask("stream first").build())) {
      streamed = stream.stream().flatMap(c -> c.choices().stream())
          .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
    }
    // the entry is stored in the same event-loop task that ends the stream, before the client can ask again
    HttpResponse<String> again = chat(gw, chat("stream first"));
    assertThat(again.headers().firstValue("x-litellm-cache-key")).isPresent();
    assertThat(content(again)).isEqualTo(streamed).contains("stream first");
    assertThat(upstreamChats(gw)).isEqualTo(1);
  }

  @Test
  void noCacheSkipsTheLookupAndNoStoreSkipsTheWrite() {
    ObjectNode body = chat("controls");
    ObjectNode noCache = body.deepCopy();
    noCache.putObject("cache").put("no-cache", true);
    chat(gw, body);
    HttpResponse<String> fresh = chat(gw, noCache);
    assertThat(fresh.headers().firstValue("x-litellm-cache-key")).isEmpty();
    assertThat(upstreamChats(gw)).isEqualTo(2);

    ObjectNode noStore = chat("not stored");
    noStore.putObject("cache").put("no-store", true);
    chat(gw, noStore);
    HttpResponse<String> next = chat(gw, chat("not stored"));
    assertThat(next.headers().firstValue("x-litellm-cache-key")).isEmpty();
    assertThat(upstreamChats(gw)).isEqualTo(4);
  }

  @Test
  void controlsSentThroughTheSdksExtraBodyWork() {
    sdk.chat().completions().create(ask("extra body").build());
    sdk.chat().completions().create(ask("extra body")
        .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("no-cache", true))).build());
    assertThat(upstreamChats(gw)).isEqualTo(2);
  }

  @Test
  void aRequestTtlExpiresItsEntry() {
    ObjectNode body = chat("short lived");
    body.putObject("cache").put("ttl", 1);
    chat(gw, body);
    ObjectNode plain = chat("short lived");
    // the entry is gone within its ttl (plus Caffeine's clock granularity): poll with a deadline
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    boolean expired = false;
    while (!expired && System.nanoTime() < deadline) {
      HttpResponse<String> r = chat(gw, plain);
      expired = r.headers().firstValue("x-litellm-cache-key").isEmpty();
    }
    assertThat(expired).isTrue();
    assertThat(upstreamChats(gw)).isEqualTo(2);
  }

  @Test
  void sMaxAgeRefusesAnOlderEntry() {
    chat(gw, chat("max age"));
    ObjectNode young = chat("max age");
    young.putObject("cache").put("s-maxage", 3600);
    assertThat(chat(gw, young).headers().firstValue("x-litellm-cache-key")).isPresent();

    ObjectNode strict = chat("max age");
    strict.putObject("cache").put("s-maxage", 1);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      refused = chat(gw, strict).headers().firstValue("x-litellm-cache-key").isEmpty();
    }
    assertThat(refused).isTrue();
  }

  @Test
  void aKeyMayUseOnlyItsAllowedCacheControls() {
    Http http = new Http(gw);
    Http.Reply key = http.post("/key/generate", RunningGateway.MASTER_KEY,
        Http.fixture("/cache/key-with-allowed-controls.json"));
    assertThat(key.status()).isEqualTo(200);
    assertThat(key.json().get("allowed_cache_controls")).hasSize(1);
    String sk = key.json().get("key").asText();

    ObjectNode noStore = chat("allowed controls");
    noStore.putObject("cache").put("no-store", true);
    HttpResponse<String> refused = CacheClient.post(gw, "/v1/chat/completions", sk, noStore);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("no-store");

    ObjectNode noCache = chat("allowed controls");
    noCache.putObject("cache").put("no-cache", true);
    assertThat(CacheClient.post(gw, "/v1/chat/completions", sk, noCache).statusCode()).isEqualTo(200);
    assertThat(upstreamChats(gw)).isEqualTo(1);
  }

  @Test
  void aUsersAllowedCacheControlsHoldForEveryKeyOfTheUser() {
    Http http = new Http(gw);
    Http.Reply user = http.post("/user/new", RunningGateway.MASTER_KEY,
        Http.fixture("/cache/user-with-allowed-controls.json"));
    assertThat(user.status()).as(user.json().toString()).isEqualTo(200);
    String auto = user.json().get("key").asText();
    String own = http.post("/key/generate", RunningGateway.MASTER_KEY, "{\"user_id\": \"cache-controls-user\"}")
        .json().get("key").asText();
    ObjectNode noStore = chat("user controls");
    noStore.putObject("cache").put("no-store", true);
    ObjectNode noCache = chat("user controls");
    noCache.putObject("cache").put("no-cache", true);
    for (String sk : List.of(auto, own)) {
      HttpResponse<String> refused = CacheClient.post(gw, "/v1/chat/completions", sk, noStore);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("no-store");
      assertThat(CacheClient.post(gw, "/v1/chat/completions", sk, noCache).statusCode()).isEqualTo(200);
    }
    // the key /user/new made carries the user's list, as in LiteLLM; a key made later is held to the user's
    assertThat(http.get("/key/info?key=" + auto, RunningGateway.MASTER_KEY).json()
        .at("/info/allowed_cache_controls/0").asText()).isEqualTo("no-cache");
    assertThat(CacheClient.post(gw, "/v1/chat/completions", own, noStore).body())
        .contains("user's allowed_cache_controls");
    assertThat(http.post("/user/update", RunningGateway.MASTER_KEY,
        Http.fixture("/cache/user-allows-every-control.json")).status()).isEqualTo(200);
    assertThat(CacheClient.post(gw, "/v1/chat/completions", own, noStore).statusCode()).isEqualTo(200);
  }

  @Test
  void embeddingsAreCachedPerItemAndOnlyMissesGoUpstream() {
    JsonNode first = Json.tree(CacheClient.post(gw, "/v1/embeddings", RunningGateway.MASTER_KEY,
        CacheClient.fixture("embedding-request.json")).body().getBytes());
    HttpResponse<String> again = CacheClient.post(gw, "/v1/embeddings", RunningGateway.MASTER_KEY,
        CacheClient.fixture("embedding-request.json"));
    assertThat(again.headers().firstValue("x-litellm-cache-key")).isPresent();
    assertThat(Json.tree(again.body().getBytes()).get("data")).isEqualTo(first.get("data"));
    assertThat(embeddingCalls()).hasSize(1);

    gw.fake().clearRequests();
    HttpResponse<String> overlap = CacheClient.post(gw, "/v1/embeddings", RunningGateway.MASTER_KEY,
        CacheClient.fixture("embedding-request-overlap.json"));
    assertThat(overlap.statusCode()).isEqualTo(200);
    assertThat(overlap.headers().firstValue("x-litellm-cache-key")).as("not a full hit").isEmpty();
    List<JsonNode> sent = embeddingCalls();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).get("input")).isEqualTo(Json.MAPPER.createArrayNode().add("third text"));
    JsonNode data = Json.tree(overlap.body().getBytes()).get("data");
    assertThat(data).hasSize(3);
    assertThat(data.get(0).get("embedding")).isEqualTo(first.at("/data/1/embedding"));
    assertThat(data.get(2).get("embedding")).isEqualTo(first.at("/data/0/embedding"));
    assertThat(data.get(1).get("embedding")).isNotEqualTo(data.get(0).get("embedding"));
    for (int i = 0; i < 3; i++) {
      assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
    }
  }

  private static List<JsonNode> embeddingCalls() {
    return gw.fake().requests().stream().filter(r -> r.path().endsWith("/embeddings")).map(r -> r.json()).toList();
  }

  @Test
  void aMessagesRequestIsCachedInAnthropicsFormatAndReplayedToAStreamRequest() {
    ObjectNode body = CacheClient.fixture("messages-request.json");
    HttpResponse<String> miss = CacheClient.post(gw, "/v1/messages", RunningGateway.MASTER_KEY, body);
    HttpResponse<String> hit = CacheClient.post(gw, "/v1/messages", RunningGateway.MASTER_KEY, body);
    assertThat(miss.statusCode()).as(miss.body()).isEqualTo(200);
    assertThat(hit.headers().firstValue("x-litellm-cache-key")).isPresent();
    JsonNode message = Json.tree(hit.body().getBytes());
    assertThat(message.get("type").asText()).isEqualTo("message");
    assertThat(message.at("/content/0/text").asText()).contains("cache this message");
    assertThat(message).isEqualTo(Json.tree(miss.body().getBytes()));
    assertThat(upstreamChats(gw)).isEqualTo(1);

    // the same body on /v1/chat/completions is another entry (it would be a chat.completion)
    HttpResponse<String> chatMiss = chat(gw, body);
    assertThat(chatMiss.headers().firstValue("x-litellm-cache-key")).isEmpty();
    assertThat(Json.tree(chatMiss.body().getBytes()).get("object").asText()).isEqualTo("chat.completion");
    gw.fake().clearRequests();

    // a stream request for the same message is served from the entry, replayed as Anthropic's events
    ObjectNode streamed = body.deepCopy().put("stream", true);
    HttpResponse<String> replay = CacheClient.post(gw, "/v1/messages", RunningGateway.MASTER_KEY, streamed);
    assertThat(upstreamChats(gw)).isZero();
    assertThat(replay.headers().firstValue("x-litellm-cache-key")).isEqualTo(hit.headers().firstValue(
        "x-litellm-cache-key"));
    assertThat(replay.body()).startsWith("event: message_start").contains("event: content_block_delta")
        .contains("cache this message").endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void cacheEndpointsPingDeleteAndFlush() {
    Http http = new Http(gw);
    Http.Reply ping = http.get("/cache/ping", RunningGateway.MASTER_KEY);
    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.json().get("status").asText()).isEqualTo("healthy");
    assertThat(ping.json().get("cache_type").asText()).isEqualTo("local");

    ObjectNode body = chat("deleted");
    chat(gw, body);
    String key = CacheKey.of("gpt-fake", body, null);
    Http.Reply deleted = http.post("/cache/delete", RunningGateway.MASTER_KEY,
        Json.writeString(Json.object().set("keys", Json.MAPPER.createArrayNode().add(key))));
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("status").asText()).isEqualTo("success");
    assertThat(chat(gw, body).headers().firstValue("x-litellm-cache-key")).isEmpty();

    assertThat(http.post("/cache/flushall", RunningGateway.MASTER_KEY, "").status()).isEqualTo(200);
    assertThat(chat(gw, body).headers().firstValue("x-litellm-cache-key")).isEmpty();
    assertThat(upstreamChats(gw)).isEqualTo(3);

    String sk = http.post("/key/generate", RunningGateway.MASTER_KEY, "{}").json().get("key").asText();
    assertThat(http.post("/cache/flushall", sk, "").status()).isEqualTo(403);
  }

  @Test
  void hitsAndMissesAreCounted() {
    chat(gw, chat("metrics"));
    chat(gw, chat("metrics"));
    String scrape = new Http(gw).get("/metrics", null).json().asText();
    assertThat(scrape).contains("tollgate_cache_hits_total").contains("tollgate_cache_misses_total");
  }
}
