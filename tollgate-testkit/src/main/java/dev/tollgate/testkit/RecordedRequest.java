package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One request the {@link FakeUpstream} received, exactly as it arrived (body bytes untouched). */
public final class RecordedRequest {
  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Instant receivedAt;

  RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    this.method = method;
    this.path = path;
    this.query = query;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    copy.replaceAll((k, v) -> List.copyOf(v));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body.clone();
    this.receivedAt = Instant.now();
  }

  /** HTTP method, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /** The path without the query, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return path;
  }

  /** The raw query string without {@code ?}, or null when there is none. */
  public String query() {
    return query;
  }

  /** All headers; the map's lookups are case-insensitive. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body bytes as received (a copy). */
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON, unknown fields included. Throws {@link IllegalStateException} if it is not JSON. */
  public JsonNode json() {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new IllegalStateException("request body is empty");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalStateException("request body is not JSON: " + bodyString(), e);
    }
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  @Override
  public String toString() {
    return method + " " + path + (query == null ? "" : "?" + query) + " (" + body.length + " bytes)";
  }
}
