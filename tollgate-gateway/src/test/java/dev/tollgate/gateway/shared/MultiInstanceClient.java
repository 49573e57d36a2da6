package dev.tollgate.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** HTTP calls the multi-instance tests make against either gateway. */
final class MultiInstanceClient {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private MultiInstanceClient() {}

  static HttpResponse<String> post(RunningGateway gw, String path, String key, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(RunningGateway gw, String path, String key) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("authorization", "Bearer " + key).GET().build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code GET path} on {@code gw} for up to {@code millis} until the status is {@code expected}. */
  static int pollGetUntil(RunningGateway gw, String path, String key, int expected, long millis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    int status;
    do {
      status = get(gw, path, key).statusCode();
      if (status == expected) {
        return status;
      }
      Thread.sleep(20);
    } while (System.currentTimeMillis() < deadline);
    return status;
  }

  static HttpResponse<String> chat(RunningGateway gw, String key, String model) {
    return post(gw, "/v1/chat/completions", key,
        "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
  }

  /** A new key with these /key/generate fields, made on {@code gw}; returns the plaintext key. */
  static String newKey(RunningGateway gw, String fields) {
    HttpResponse<String> r = post(gw, "/key/generate", RunningGateway.MASTER_KEY, "{" + fields + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.tree(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).get("key").asText();
  }

  /** Polls {@code gw} with {@code key} for up to {@code millis} until the status is {@code expected}; returns it. */
  static int pollUntil(RunningGateway gw, String key, int expected, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    int status;
    do {
      status = chat(gw, key, "mock").statusCode();
      if (status == expected) {
        return status;
      }
      Thread.sleep(20);
    } while (System.currentTimeMillis() < deadline);
    return status;
  }
}
