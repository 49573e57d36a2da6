package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spend tracking and key rate limits end to end over HTTP against a gateway on a real database; run once per database
 * by the subclasses. The gateway's flush interval is an hour: rows are written when 500 are queued or a test flushes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpendContract {
  static final String MASTER = RunningGateway.MASTER_KEY;
  static final String HI = "{\"model\": \"%s\", \"messages\": [{\"role\": \"user\", \"content\": \"%s\"}]%s}";
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private TestDatabase db;
  private RunningGateway gw;

  abstract TestDatabase newDatabase();

  abstract String name();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    gw = RunningGateway.start("/spend/spend-config.yaml", db.url());
  }

  @AfterAll
  void stop() {
    if (gw != null) {
      gw.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @AfterEach
  void resetFake() {
    gw.fake().reset();
  }

  // ------------------------------------------------------------------ helpers

  HttpResponse<String> post(String path, String key, String body) {
    return send(HttpRequest.newBuilder(URI.create(gw.url(path))).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), key);
  }

  HttpResponse<String> get(String path, String key) {
    return send(HttpRequest.newBuilder(URI.create(gw.url(path))).GET(), key);
  }

  private static HttpResponse<String> send(HttpRequest.Builder b, String key) {
    try {
      return CLIENT.send(b.header("authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  static String chat(String model, String text) {
    return HI.formatted(model, text, "");
  }

  /** A new virtual key with these extra /key/generate fields; returns the plaintext key. */
  String newKey(String fields) {
    HttpResponse<String> r = post("/key/generate", MASTER, "{" + fields + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).get("key").asText();
  }

  void flush() {
    gw.controlPlane().spend().flush();
  }

  long count(String where) {
    return gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
          "SELECT COUNT(*) FROM tg_spend_logs WHERE " + where)) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  double number(String sql) {
    return gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
        r.next();
        return r.getDouble(1);
      }
    });
  }

  JsonNode logs(String query) {
    HttpResponse<String> r = get("/spend/logs?" + query, MASTER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  // ------------------------------------------------------------------ spend

  @Test
  void tenThousandConcurrentRequestsGiveExactlyTenThousandRowsAndTheSameSum() throws Exception {
    String key = newKey("\"user_id\": \"bulk-user\"");
    String hash = Keys.hash(key);
    int total = 10_000;
    Semaphore inFlight = new Semaphore(32);
    DoubleAdder headerSum = new DoubleAdder();
    AtomicInteger ok = new AtomicInteger();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<?>> all = new ArrayList<>(total);
    long started = System.nanoTime();
    for (int i = 0; i < total; i++) {
      inFlight.acquire();
      HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/v1/chat/completions")))
          .header("authorization", "Bearer " + key).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(chat("mock-priced", "request number " + i + " says hello")))
          .build();
      all.add(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        inFlight.release();
        if (e != null) {
          problems.add(e.toString());
        } else if (r.statusCode() != 200) {
          problems.add(r.statusCode() + " " + r.body());
        } else {
          ok.incrementAndGet();
          headerSum.add(Double.parseDouble(r.headers().firstValue("x-litellm-response-cost").orElseThrow()));
        }
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    long served = System.nanoTime();
    flush();
    long flushed = System.nanoTime();
    System.out.printf("[%s] 10,000 requests through the mock path: %d ms serving, %d ms final flush, %d rows written%n",
        name(), (served - started) / 1_000_000, (flushed - served) / 1_000_000, gw.controlPlane().spend().written());
    assertThat(problems).isEmpty();
    assertThat(ok.get()).isEqualTo(total);
    assertThat(count("api_key = '" + hash + "'")).isEqualTo(total);
    double rowSum = number("SELECT SUM(spend) FROM tg_spend_logs WHERE api_key = '" + hash + "'");
    double keySpend = number("SELECT spend FROM tg_keys WHERE token = '" + hash + "'");
    double expected = headerSum.sum();
    assertThat(expected).isGreaterThan(0);
    assertThat(rowSum).isCloseTo(expected, within(expected * 1e-9));
    assertThat(keySpend).isCloseTo(expected, within(expected * 1e-9));
    assertThat(gw.controlPlane().pendingSpend().of(hash)).isCloseTo(0.0, within(expected * 1e-9));
    double daily = number("SELECT SUM(spend) FROM tg_daily_spend WHERE entity_type = 'key' AND entity_id = '" + hash
        + "'");
    assertThat(daily).isCloseTo(expected, within(expected * 1e-9));
    assertThat(number("SELECT SUM(api_requests) FROM tg_daily_spend WHERE entity_type = 'user' AND entity_id = "
        + "'bulk-user'")).isEqualTo(total);
    JsonNode info = json(get("/key/info?key=" + key, MASTER)).get("info");
    assertThat(info.get("spend").asDouble()).isCloseTo(expected, within(expected * 1e-9));
  }

  @Test
  void aRowCarriesWhoWhatAndHowMuch() {
    String key = newKey("\"user_id\": \"u-row\", \"team_id\": \"t-row\", \"key_alias\": \"row-key-" + name() + "\"");
    HttpResponse<String> r = post("/v1/chat/completions", key, HI.formatted("mock-priced", "hello there",
        ", \"user\": \"end-user-7\", \"metadata\": {\"tags\": [\"alpha\", \"beta\"], \"job\": \"nightly\"}"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode usage = json(r).get("usage");
    double cost = Double.parseDouble(r.headers().firstValue("x-litellm-response-cost").orElseThrow());
    assertThat(cost).isCloseTo(usage.get("prompt_tokens").asLong() * 0.0000015
        + usage.get("completion_tokens").asLong() * 0.000002, within(1e-15));
    assertThat(Double.parseDouble(r.headers().firstValue("x-litellm-key-spend").orElseThrow())).isEqualTo(cost);
    String callId = r.headers().firstValue("x-litellm-call-id").orElseThrow();
    flush();
    JsonNode rows = logs("request_id=" + callId);
    assertThat(rows).hasSize(1);
    JsonNode row = rows.get(0);
    assertThat(row.get("api_key").asText()).isEqualTo(Keys.hash(key));
    assertThat(row.get("spend").asDouble()).isEqualTo(cost);
    assertThat(row.get("prompt_tokens").asLong()).isEqualTo(usage.get("prompt_tokens").asLong());
    assertThat(row.get("completion_tokens").asLong()).isEqualTo(usage.get("completion_tokens").asLong());
    assertThat(row.get("total_tokens").asLong()).isEqualTo(usage.get("total_tokens").asLong());
    assertThat(row.get("model_group").asText()).isEqualTo("mock-priced");
    assertThat(row.get("model_id").asText()).isEqualTo("mock-priced-1");
    assertThat(row.get("custom_llm_provider").asText()).isEqualTo("mock");
    assertThat(row.get("user").asText()).isEqualTo("u-row");
    assertThat(row.get("team_id").asText()).isEqualTo("t-row");
    assertThat(row.get("end_user").asText()).isEqualTo("end-user-7");
    assertThat(row.get("status").asText()).isEqualTo("success");
    assertThat(row.get("call_type").asText()).isEqualTo("acompletion");
    assertThat(row.get("request_tags")).containsExactly(Json.MAPPER.getNodeFactory().textNode("alpha"),
        Json.MAPPER.getNodeFactory().textNode("beta"));
    assertThat(row.get("metadata").get("job").asText()).isEqualTo("nightly");
    assertThat(row.get("metadata").get("user_api_key_alias").asText()).isEqualTo("row-key-" + name());
    assertThat(row.get("startTime").asText()).endsWith("Z");
    assertThat(number("SELECT SUM(api_requests) FROM tg_daily_spend WHERE entity_type = 'tag' AND entity_id = "
        + "'alpha'")).isGreaterThanOrEqualTo(1);
    assertThat(number("SELECT spend FROM tg_keys WHERE token = '" + Keys.hash(key) + "'")).isEqualTo(cost);
  }

  @Test
  void theUnpricedMockCostsNothingAndTheMasterKeyIsLogged() {
    HttpResponse<String> r = post("/v1/chat/completions", MASTER, chat("mock-free", "free as in beer"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-litellm-response-cost")).contains("0.0");
    assertThat(r.headers().firstValue("x-litellm-key-spend")).isEmpty();
    String callId = r.headers().firstValue("x-litellm-call-id").orElseThrow();
    flush();
    JsonNode row = logs("request_id=" + callId).get(0);
    // the call id is a time-ordered (version-7) UUID of the call's start: the log's primary key grows at its end
    UUID uuid = UUID.fromString(callId);
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16))
        .isEqualTo(Instant.parse(row.get("startTime").asText()));
    assertThat(row.get("spend").asDouble()).isZero();
    assertThat(row.get("total_tokens").asLong()).isPositive();
    assertThat(row.get("api_key").asText()).isEqualTo(Keys.hash(MASTER));
    // the caller's address is the connection's peer
    assertThat(count("request_id = '" + callId + "' AND requester_ip_address = '127.0.0.1'")).isEqualTo(1);
  }

  @Test
  void upstreamNonStreamReplyIsPricedFromItsUsageBytes() {
    gw.fake().script("gpt-spend-upstream", Behavior.reply("four words of answer"));
    HttpResponse<String> r = post("/v1/chat/completions", MASTER, chat("gpt-priced", "price me"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode usage = json(r).get("usage");
    double expected = usage.get("prompt_tokens").asLong() * 0.000003
        + usage.get("completion_tokens").asLong() * 0.000006;
    assertThat(Double.parseDouble(r.headers().firstValue("x-litellm-response-cost").orElseThrow()))
        .isCloseTo(expected, within(1e-15)).isPositive();
    HttpResponse<String> e = post("/v1/embeddings", MASTER,
        "{\"model\": \"embed-priced\", \"input\": [\"some text to embed\"]}");
    assertThat(e.statusCode()).as(e.body()).isEqualTo(200);
    long embedTokens = json(e).get("usage").get("prompt_tokens").asLong();
    assertThat(Double.parseDouble(e.headers().firstValue("x-litellm-response-cost").orElseThrow()))
        .isCloseTo(embedTokens * 1e-7, within(1e-18));
    String callId = e.headers().firstValue("x-litellm-call-id").orElseThrow();
    flush();
    assertThat(logs("request_id=" + callId).get(0).get("call_type").asText()).isEqualTo("aembedding");
  }

  @Test
  void streamsAreRecordedWithTheUpstreamUsageWhetherOrNotTheClientAskedForIt() {
    gw.fake().script("gpt-spend-upstream", Behavior.reply("a streamed answer in several words").chunked(4));
    String key = newKey("\"user_id\": \"streamer\"");
    HttpResponse<String> asked = post("/v1/chat/completions", key, HI.formatted("gpt-priced", "stream please",
        ", \"stream\": true, \"stream_options\": {\"include_usage\": true}"));
    HttpResponse<String> notAsked = post("/v1/chat/completions", key, HI.formatted("gpt-priced", "stream please",
        ", \"stream\": true"));
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(notAsked.statusCode()).isEqualTo(200);
    assertThat(gw.fake().lastRequest().bodyString()).contains("include_usage");
    List<JsonNode> askedChunks = chunks(asked.body());
    List<JsonNode> notAskedChunks = chunks(notAsked.body());
    JsonNode usage = askedChunks.stream().filter(c -> c.path("usage").isObject()).findFirst().orElseThrow()
        .get("usage");
    assertThat(notAskedChunks).noneMatch(c -> c.path("usage").isObject());
    assertThat(notAskedChunks).noneMatch(c -> c.path("choices").isArray() && c.path("choices").isEmpty());
    assertThat(notAsked.body()).endsWith("data: [DONE]\n\n");
    flush();
    JsonNode rows = logs("api_key=" + key);
    assertThat(rows).hasSize(2);
    for (JsonNode row : rows) {
      assertThat(row.get("prompt_tokens").asLong()).isEqualTo(usage.get("prompt_tokens").asLong());
      assertThat(row.get("completion_tokens").asLong()).isEqualTo(usage.get("completion_tokens").asLong());
      assertThat(row.get("spend").asDouble()).isPositive();
      assertThat(row.get("status").asText()).isEqualTo("success");
    }
  }

  static List<JsonNode> chunks(String sse) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
        out.add(Json.tree(line.substring(6).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  @Test
  void upstreamErrorsGiveFailureRowsThatCostNothing() {
    gw.fake().script("broken-upstream", Behavior.openAiError(500, "the upstream fell over", "server_error", null));
    String key = newKey("\"user_id\": \"failing\"");
    HttpResponse<String> r = post("/v1/chat/completions", key, chat("fake/broken-upstream", "hello"));
    assertThat(r.statusCode()).isGreaterThanOrEqualTo(500);
    HttpResponse<String> s = post("/v1/chat/completions", key, HI.formatted("fake/broken-upstream", "hello",
        ", \"stream\": true"));
    assertThat(s.statusCode()).isGreaterThanOrEqualTo(500);
    flush();
    JsonNode rows = logs("api_key=" + Keys.hash(key));
    assertThat(rows).hasSize(2);
    for (JsonNode row : rows) {
      assertThat(row.get("status").asText()).isEqualTo("failure");
      assertThat(row.get("spend").asDouble()).isZero();
      assertThat(row.get("metadata").get("error_information").get("error_class").asText()).isNotBlank();
      assertThat(row.get("model_group").asText()).isEqualTo("fake/broken-upstream");
    }
  }

  @Test
  void theBudgetIsCheckedAgainstSpendNotYetWritten() {
    HttpResponse<String> probe = post("/v1/chat/completions", MASTER, chat("mock-priced", "budget probe"));
    double one = Double.parseDouble(probe.headers().firstValue("x-litellm-response-cost").orElseThrow());
    assertThat(one).isPositive();
    flush();
    long writtenBefore = gw.controlPlane().spend().written();
    String key = newKey("\"max_budget\": " + (one * 1.5));
    assertThat(post("/v1/chat/completions", key, chat("mock-priced", "budget probe")).statusCode()).isEqualTo(200);
    assertThat(post("/v1/chat/completions", key, chat("mock-priced", "budget probe")).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = post("/v1/chat/completions", key, chat("mock-priced", "budget probe"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("error").get("type").asText()).isEqualTo("budget_exceeded");
    assertThat(json(refused).get("error").get("message").asText()).startsWith("Budget has been exceeded!");
    assertThat(gw.controlPlane().spend().written()).as("nothing was flushed").isEqualTo(writtenBefore);
    JsonNode info = json(get("/key/info?key=" + key, MASTER)).get("info");
    assertThat(info.get("spend").asDouble()).as("stored plus pending").isCloseTo(2 * one, within(one * 1e-9));
    flush();
    assertThat(post("/v1/chat/completions", key, chat("mock-priced", "budget probe")).statusCode()).isEqualTo(400);
  }

  // ------------------------------------------------------------------ /spend/logs

  @Test
  void spendLogsFilter() {
    String key = newKey("\"user_id\": \"filter-user-" + name() + "\", \"team_id\": \"filter-team\"");
    post("/v1/chat/completions", key, chat("mock-priced", "one"));
    post("/v1/chat/completions", key, chat("mock-free", "two"));
    flush();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    assertThat(logs("api_key=" + key)).hasSize(2);
    assertThat(logs("api_key=" + Keys.hash(key))).hasSize(2);
    assertThat(logs("user_id=filter-user-" + name())).hasSize(2);
    assertThat(logs("user_id=filter-user-" + name() + "&model=mock-free")).hasSize(1);
    assertThat(logs("api_key=" + key + "&team_id=filter-team&start_date=" + today + "&end_date=" + today)).hasSize(2);
    assertThat(logs("api_key=" + key + "&end_date=" + yesterday)).isEmpty();
    assertThat(logs("api_key=" + key + "&start_date=" + LocalDate.now(ZoneOffset.UTC).plusDays(1))).isEmpty();
    JsonNode row = logs("api_key=" + key + "&model=mock-priced").get(0);
    for (String field : List.of("request_id", "api_key", "spend", "total_tokens", "prompt_tokens",
        "completion_tokens", "startTime", "endTime", "model", "model_group", "model_id", "custom_llm_provider",
        "api_base", "user", "team_id", "status", "metadata", "request_tags")) {
      assertThat(row.has(field)).as(field).isTrue();
    }
    HttpResponse<String> bad = get("/spend/logs?start_date=2024-13-45", MASTER);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").get("param").asText()).isEqualTo("start_date");
    assertThat(get("/spend/logs?end_date=yesterday", MASTER).statusCode()).isEqualTo(400);
    assertThat(get("/spend/logs?start_date=2024-02-02&end_date=2024-02-01", MASTER).statusCode()).isEqualTo(400);
    assertThat(get("/spend/logs", key).statusCode()).isEqualTo(403);
  }

  // ------------------------------------------------------------------ writer failures

  @Test
  void rowsWaitWhileTheDatabaseIsDownAndAreWrittenWhenItIsBack() throws Exception {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    AtomicInteger attempts = new AtomicInteger();
    String key;
    String hash;
    double sum = 0;
    try (RunningGateway flaky = RunningGateway.startWithSpendStore("/spend/fast-flush-config.yaml", db.url(),
        store -> batch -> {
          attempts.incrementAndGet();
          if (failuresLeft.getAndDecrement() > 0) {
            throw new java.sql.SQLException("simulated: the database is down");
          }
          store.write(batch);
        })) {
      HttpResponse<String> k = send(HttpRequest.newBuilder(URI.create(flaky.url("/key/generate")))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), MASTER);
      key = json(k).get("key").asText();
      hash = Keys.hash(key);
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(flaky.url("/v1/chat/completions")))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(chat("mock-priced", "while down " + i))), key);
        assertThat(r.statusCode()).isEqualTo(200);
        sum += Double.parseDouble(r.headers().firstValue("x-litellm-response-cost").orElseThrow());
      }
      SpendWriter writer = flaky.controlPlane().spend();
      long deadline = System.currentTimeMillis() + 15_000;
      while (writer.queued() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(writer.failedWrites()).isEqualTo(3);
      assertThat(writer.queued()).isZero();
      assertThat(count("api_key = '" + hash + "'")).isEqualTo(20);
      // more calls after recovery, then a graceful stop with them still queued (the interval is 200 ms)
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(flaky.url("/v1/chat/completions")))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(chat("mock-priced", "after " + i))), key);
        sum += Double.parseDouble(r.headers().firstValue("x-litellm-response-cost").orElseThrow());
      }
    }
    assertThat(count("api_key = '" + hash + "'")).isEqualTo(25);
    assertThat(number("SELECT spend FROM tg_keys WHERE token = '" + hash + "'")).isCloseTo(sum, within(sum * 1e-9));
  }

  @Test
  void aGracefulStopWritesEverythingQueued() throws Exception {
    String hash;
    try (RunningGateway other = RunningGateway.start("/spend/spend-config.yaml", db.url())) {
      HttpResponse<String> k = send(HttpRequest.newBuilder(URI.create(other.url("/key/generate")))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), MASTER);
      String key = json(k).get("key").asText();
      hash = Keys.hash(key);
      for (int i = 0; i < 30; i++) {
        send(HttpRequest.newBuilder(URI.create(other.url("/v1/chat/completions")))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(chat("mock-priced", "queued " + i))), key);
      }
      assertThat(other.controlPlane().spend().queued()).isEqualTo(30);
    }
    assertThat(count("api_key = '" + hash + "'")).isEqualTo(30);
  }

  // ------------------------------------------------------------------ rate limits

  @Test
  void rpmLimitLetsExactlyThatManyThrough() {
    String key = newKey("\"rpm_limit\": 5");
    int ok = 0;
    List<HttpResponse<String>> refused = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> r = post("/v1/chat/completions", key, chat("mock-free", "quick " + i));
      assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).contains("5");
      assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).isPresent();
      if (r.statusCode() == 200) {
        ok++;
      } else {
        refused.add(r);
      }
    }
    assertThat(ok).isEqualTo(5);
    assertThat(refused).hasSize(5).allSatisfy(r -> {
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("retry-after").map(Long::parseLong).orElseThrow()).isBetween(1L, 60L);
      assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
      JsonNode error = json(r).get("error");
      assertThat(error.get("code").asText()).isEqualTo("429");
      assertThat(error.get("message").asText()).startsWith("Rate limit exceeded for api_key: " + Keys.hash(key))
          .contains("Limit type: requests. Current limit: 5, Remaining: 0.");
    });
  }

  @Test
  void maxParallelRequestsRefusesTheSecondConcurrentCall() throws Exception {
    gw.fake().script("slow-spend-upstream", Behavior.reply("slowly").delayed(Duration.ofMillis(1500)));
    String key = newKey("\"max_parallel_requests\": 1");
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
        () -> post("/v1/chat/completions", key, chat("fake/slow-spend-upstream", "first")));
    long deadline = System.currentTimeMillis() + 5000;
    while (gw.fake().requests().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    HttpResponse<String> second = post("/v1/chat/completions", key, chat("fake/slow-spend-upstream", "second"));
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(json(second).get("error").get("message").asText()).contains("Limit type: max_parallel_requests");
    assertThat(first.get().statusCode()).isEqualTo(200);
    // the slot is free again once the first call completed
    assertThat(post("/v1/chat/completions", key, chat("mock-free", "third")).statusCode()).isEqualTo(200);
  }

  @Test
  void tpmLimitCountsTheTokensOfCompletedCalls() {
    gw.fake().script("tpm-upstream", Behavior.reply("some words to count as tokens"));
    String key = newKey("\"tpm_limit\": 10");
    HttpResponse<String> first = post("/v1/chat/completions", key, chat("fake/tpm-upstream", "count my tokens"));
    assertThat(first.statusCode()).isEqualTo(200);
    long used = json(first).get("usage").get("total_tokens").asLong();
    assertThat(used).as("the fake's usage must reach the limit for this test").isGreaterThanOrEqualTo(10);
    assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).contains("10");
    HttpResponse<String> second = post("/v1/chat/completions", key, chat("fake/tpm-upstream", "again"));
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("x-ratelimit-remaining-tokens")).contains("0");
    assertThat(json(second).get("error").get("message").asText())
        .contains("Limit type: tokens. Current limit: 10, Remaining: 0.");
  }

  @Test
  void aClientThatGoesAwayMidStreamFreesItsSlotAndLeavesAFailureRow() throws Exception {
    gw.fake().script("gone-upstream", Behavior.reply("one two three four five six seven eight nine ten").chunked(10)
        .streamGap(Duration.ofMillis(300)));
    String key = newKey("\"max_parallel_requests\": 1");
    String body = HI.formatted("fake/gone-upstream", "stream slowly", ", \"stream\": true");
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gw.gateway().port())) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      byte[] head = new byte[64];
      assertThat(socket.getInputStream().read(head)).isPositive(); // the stream has started
      assertThat(post("/v1/chat/completions", key, chat("mock-free", "while streaming")).statusCode())
          .isEqualTo(429);
    }
    long deadline = System.currentTimeMillis() + 5000;
    int status = 0;
    while (System.currentTimeMillis() < deadline) {
      status = post("/v1/chat/completions", key, chat("mock-free", "after")).statusCode();
      if (status == 200) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(status).as("the parallel slot came back").isEqualTo(200);
    flush();
    JsonNode rows = logs("api_key=" + key + "&model=fake/gone-upstream");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("status").asText()).isEqualTo("failure");
    assertThat(rows.get(0).get("metadata").get("error_information").get("error_class").asText())
        .isEqualTo("client_disconnected");
  }

  @Test
  void theMasterKeyHasNoLimits() {
    for (int i = 0; i < 30; i++) {
      HttpResponse<String> r = post("/v1/chat/completions", MASTER, chat("mock-free", "unlimited " + i));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).isEmpty();
    }
  }
}
