package dev.tollgate.gateway.shared;

import static dev.tollgate.gateway.shared.MultiInstanceClient.chat;
import static dev.tollgate.gateway.shared.MultiInstanceClient.newKey;
import static dev.tollgate.gateway.shared.MultiInstanceClient.pollUntil;
import static dev.tollgate.gateway.shared.MultiInstanceClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import dev.tollgate.redis.RedisSettings;
import dev.tollgate.redis.SharedRedis;
import dev.tollgate.redis.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Guardrails managed through the API on two gateways sharing PostgreSQL and Redis, as deployed: one created on A is
 * enforced on B once B's poller (every second here) sees the table change; a change on A and a delete on B follow the
 * same way, while each instance applies its own changes to its very next request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredGuardrailsAcrossInstancesTest {
  private static final String CONFIG = "/guardrails/stored/shared-config.yaml";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private TestDatabase db;
  private RedisSettings redis;
  private RunningGateway a;
  private RunningGateway b;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.postgres();
    redis = TestRedis.settings();
    a = RunningGateway.startShared(CONFIG, db.url(), redis);
    b = RunningGateway.startShared(CONFIG, db.url(), redis);
  }

  @AfterAll
  void stop() throws Exception {
    for (RunningGateway gw : new RunningGateway[] {a, b}) {
      if (gw != null) {
        gw.close();
      }
    }
    if (db != null) {
      db.close();
    }
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      SharedRedis cleanup = SharedRedis.create(vertx, redis);
      TestRedis.deleteKeys(cleanup.client(), redis.keyPrefix());
      cleanup.close();
    } finally {
      vertx.close();
    }
  }

  private static HttpResponse<String> send(RunningGateway gw, String method, String path, String body)
      throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).header("content-type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aGuardrailCreatedOnOneInstanceIsEnforcedOnTheOther() throws Exception {
    String key = newKey(a, "");
    assertThat(chat(b, key, "mock").statusCode()).as("nothing stored yet").isEqualTo(200);

    HttpResponse<String> created = post(a, "/guardrails", RunningGateway.MASTER_KEY,
        Http.fixture("/guardrails/stored/no-greetings.json"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String id = Json.tree(created.body().getBytes(StandardCharsets.UTF_8)).get("guardrail_id").asText();
    assertThat(chat(a, key, "mock").statusCode()).as("A: its next request").isEqualTo(400);

    assertThat(pollUntil(b, key, 400, 5_000)).as("B, within a few poll intervals").isEqualTo(400);
    assertThat(chat(b, key, "mock").body()).contains("no-greetings-db").contains("BANNED_KEYWORD");

    // a change on A reaches B the same way: no longer default_on
    HttpResponse<String> patched = send(a, "PATCH", "/guardrails/" + id, "{\"litellm_params\": {\"default_on\": false}}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(chat(a, key, "mock").statusCode()).isEqualTo(200);
    assertThat(pollUntil(b, key, 200, 5_000)).isEqualTo(200);

    // back on, then deleted through B: A stops enforcing it
    assertThat(send(a, "PATCH", "/guardrails/" + id, "{\"litellm_params\": {\"default_on\": true}}").statusCode())
        .isEqualTo(200);
    assertThat(pollUntil(b, key, 400, 5_000)).isEqualTo(400);
    assertThat(send(b, "DELETE", "/guardrails/" + id, "").statusCode()).isEqualTo(200);
    assertThat(chat(b, key, "mock").statusCode()).as("B: its next request").isEqualTo(200);
    assertThat(pollUntil(a, key, 200, 5_000)).as("A, after its poll").isEqualTo(200);
  }
}
