package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake guardrail service answers each route as scripted, in LiteLLM's Generic Guardrail API format. */
class FakeGuardrailServiceTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static FakeGuardrailService guard;
  private static String call;

  @BeforeAll
  static void start() throws Exception {
    guard = FakeGuardrailService.start();
    call = Files.readString(Path.of(FakeGuardrailServiceTest.class
        .getResource("/fixtures/guardrail-service/call.json").toURI()));
  }

  @AfterAll
  static void stop() {
    guard.close();
  }

  @BeforeEach
  void reset() {
    guard.reset();
  }

  private static HttpResponse<String> post(String route) throws IOException, InterruptedException {
    return post(route, HTTP);
  }

  private static HttpResponse<String> post(String route, HttpClient client) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(guard.url(route) + FakeGuardrailService.PATH))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnscriptedRoutePassesAndEveryCallIsRecordedByRoute() throws Exception {
    HttpResponse<String> r = post("");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).get("action").asText()).isEqualTo("NONE");
    post("other");
    assertThat(guard.calls()).hasSize(2);
    assertThat(guard.calls("other")).hasSize(1);
    assertThat(guard.lastCall("").json().at("/texts/1").asText()).isEqualTo("thanks");
    assertThat(guard.answered()).isEqualTo(2);
  }

  @Test
  void blockMaskStatusAndGarbage() throws Exception {
    guard.script("block", GuardrailAnswer.block("no phone numbers"));
    guard.script("mask", GuardrailAnswer.mask("\\d{3}-\\d{4}", "[PHONE]"));
    guard.script("down", GuardrailAnswer.status(500, "{\"detail\": \"boom\"}"));
    guard.script("garbage", GuardrailAnswer.json("this is not json"));

    var blocked = Json.tree(post("block").body().getBytes(StandardCharsets.UTF_8));
    assertThat(blocked.get("action").asText()).isEqualTo("BLOCKED");
    assertThat(blocked.get("blocked_reason").asText()).isEqualTo("no phone numbers");
    var masked = Json.tree(post("mask").body().getBytes(StandardCharsets.UTF_8));
    assertThat(masked.get("action").asText()).isEqualTo("GUARDRAIL_INTERVENED");
    assertThat(masked.at("/texts/0").asText()).isEqualTo("call me at [PHONE]");
    assertThat(masked.at("/texts/1").asText()).isEqualTo("thanks");
    assertThat(post("down").statusCode()).isEqualTo(500);
    assertThat(post("garbage").body()).isEqualTo("this is not json");
  }

  @Test
  void aHeldAnswerWaitsForItsRelease() throws Exception {
    CompletableFuture<Void> release = new CompletableFuture<>();
    guard.script("held", GuardrailAnswer.block("later").heldUntil(release));
    CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(
        HttpRequest.newBuilder(URI.create(guard.url("held") + FakeGuardrailService.PATH))
            .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
    while (guard.calls("held").isEmpty()) {
      Thread.sleep(5);
    }
    assertThat(pending).isNotDone();
    assertThat(guard.answered()).isZero();
    release.complete(null);
    assertThat(pending.get().body()).contains("BLOCKED");
    assertThat(guard.answered()).isEqualTo(1);
  }

  @Test
  void otherPathsAre404() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(guard.baseUrl() + "/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
  }
}
