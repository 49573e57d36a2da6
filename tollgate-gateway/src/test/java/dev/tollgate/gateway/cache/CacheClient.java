package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Raw HTTP for the cache tests (headers included), with request bodies made from the fixtures. */
final class CacheClient {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private CacheClient() {}

  /** The chat fixture asking {@code prompt}. */
  static ObjectNode chat(String prompt) {
    ObjectNode body = fixture("chat-template.json");
    ((ObjectNode) body.get("messages").get(0)).put("content", prompt);
    return body;
  }

  static ObjectNode fixture(String name) {
    return (ObjectNode) Json.tree(Http.fixture("/cache/" + name).getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> post(RunningGateway gw, String path, String key, JsonNode body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url(path)))
          .header("content-type", "application/json")
          .header("authorization", "Bearer " + key)
          .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(body)))
          .build();
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> chat(RunningGateway gw, JsonNode body) {
    return post(gw, "/v1/chat/completions", RunningGateway.MASTER_KEY, body);
  }

  static String content(HttpResponse<String> response) {
    return Json.tree(response.body().getBytes(StandardCharsets.UTF_8)).at("/choices/0/message/content").asText();
  }

  /** The upstream chat calls the fake saw. */
  static long upstreamChats(RunningGateway gw) {
    return gw.fake().requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count();
  }
}
