package dev.tollgate.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A small JSON client for tests: status plus parsed body. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final RunningGateway gw;

  public Http(RunningGateway gw) {
    this.gw = gw;
  }

  /** A reply: the status and the body as JSON (a text node when it is not JSON). */
  public record Reply(int status, JsonNode json) {
    public JsonNode error() {
      return json.path("error");
    }
  }

  public Reply post(String path, String key, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(b, key);
  }

  public Reply patch(String path, String key, String body) {
    return send("PATCH", path, key, body);
  }

  /** Any method with a JSON body (PATCH /organization/update, DELETE /organization/delete). */
  public Reply send(String method, String path, String key, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("content-type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    return send(b, key);
  }

  public Reply get(String path, String key) {
    return send(HttpRequest.newBuilder(URI.create(gw.url(path))).GET(), key);
  }

  private static Reply send(HttpRequest.Builder b, String key) {
    if (key != null) {
      b.header("authorization", "Bearer " + key);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException notJson) {
        json = Json.MAPPER.getNodeFactory().textNode(r.body());
      }
      return new Reply(r.statusCode(), json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A test resource as text. */
  public static String fixture(String path) {
    try (InputStream in = Http.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
