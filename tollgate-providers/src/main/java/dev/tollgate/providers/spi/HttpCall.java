package dev.tollgate.providers.spi;

import java.time.Duration;
import java.util.Map;

/** What an adapter asks a transport to send: the whole HTTP request, built without I/O. */
public record HttpCall(String method, String url, Map<String, String> headers, byte[] body, Duration timeout) {
  public HttpCall {
    headers = Map.copyOf(headers);
  }

  public static HttpCall postJson(String url, Map<String, String> headers, byte[] body, Duration timeout) {
    java.util.LinkedHashMap<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.putIfAbsent("content-type", "application/json");
    return new HttpCall("POST", url, all, body, timeout);
  }
}
