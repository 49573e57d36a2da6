package dev.tollgate.providers.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A complete upstream HTTP reply handed to an adapter. Header names are matched case-insensitively. */
public record HttpReply(int status, Map<String, List<String>> headers, byte[] body) {
  public HttpReply {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = copy;
  }

  public static HttpReply of(int status, byte[] body) {
    return new HttpReply(status, Map.of(), body);
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
