package dev.tollgate.gateway.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chat and embeddings calls to a running gateway for router tests, with the response headers kept, and what reached
 * the fake upstream (by upstream model name, which the routing fixtures also use as deployment id).
 */
public final class RoutedChats {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final RunningGateway gw;
  private final String key;

  /** Calls with the master key. */
  public RoutedChats(RunningGateway gw) {
    this(gw, RunningGateway.MASTER_KEY);
  }

  /** Calls with {@code key}. */
  public RoutedChats(RunningGateway gw, String key) {
    this.gw = gw;
    this.key = key;
  }

  /** {@code /routing/chat.json} for {@code model}. */
  public HttpResponse<String> chat(String model) {
    return chat("/routing/chat.json", model, Map.of(), body -> {});
  }

  /** A chat body from {@code fixture} with {@code model}, edited by {@code edit}, sent with {@code headers}. */
  public HttpResponse<String> chat(String fixture, String model, Map<String, String> headers,
      Consumer<ObjectNode> edit) {
    return send("/v1/chat/completions", body(fixture, model, edit), headers, HttpResponse.BodyHandlers.ofString());
  }

  /** The embeddings fixture for {@code model}. */
  public HttpResponse<String> embedding(String model) {
    return send("/v1/embeddings", body("/routing/embedding.json", model, b -> {}), Map.of(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A streamed chat for {@code model}; the caller reads (and closes) the body. */
  public HttpResponse<InputStream> stream(String model) {
    return send("/v1/chat/completions", body("/routing/chat.json", model, b -> b.put("stream", true)), Map.of(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  /** The upstream model of every request the fake upstream received, in order. */
  public List<String> upstreamModels() {
    return gw.fake().requests().stream().map(RecordedRequest::json).filter(j -> j != null && j.has("model"))
        .map(j -> j.get("model").asText()).toList();
  }

  /** How many requests reached the fake upstream for {@code upstreamModel}. */
  public long calls(String upstreamModel) {
    return upstreamModels().stream().filter(upstreamModel::equals).count();
  }

  private static String body(String fixture, String model, Consumer<ObjectNode> edit) {
    ObjectNode body = (ObjectNode) Json.tree(Http.fixture(fixture).getBytes(StandardCharsets.UTF_8));
    body.put("model", model);
    edit.accept(body);
    return Json.writeString(body);
  }

  private <T> HttpResponse<T> send(String path, String body, Map<String, String> headers,
      HttpResponse.BodyHandler<T> handler) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("authorization", "Bearer " + key)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    try {
      return CLIENT.send(b.build(), handler);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
