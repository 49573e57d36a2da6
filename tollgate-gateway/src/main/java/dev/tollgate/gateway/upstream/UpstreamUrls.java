package dev.tollgate.gateway.upstream;

import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream URLs parsed once: a deployment sends every call to the same few URLs, and parsing one
 * ({@code RequestOptions.setAbsoluteURI}, through {@code java.net.URL}) showed in the request profile. Holds at most
 * {@value #MAX} URLs; past that it starts over (a config with thousands of distinct URLs only loses the saving).
 */
final class UpstreamUrls {
  static final int MAX = 1024;

  /** Host, port, TLS and the path with its query, as a request needs them. */
  record Target(String host, int port, boolean ssl, String pathAndQuery) {}

  private final ConcurrentHashMap<String, Target> parsed = new ConcurrentHashMap<>();

  /** Sets the URL's host, port, TLS and URI on {@code options}. */
  RequestOptions apply(RequestOptions options, String url) {
    Target t = parsed.get(url);
    if (t == null) {
      t = parse(url);
      if (parsed.size() >= MAX) {
        parsed.clear();
      }
      parsed.put(url, t);
    }
    return options.setHost(t.host()).setPort(t.port()).setSsl(t.ssl()).setURI(t.pathAndQuery());
  }

  static Target parse(String url) {
    URI u = URI.create(url);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
    boolean ssl = scheme.equals("https");
    int port = u.getPort() >= 0 ? u.getPort() : ssl ? 443 : 80;
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    String query = u.getRawQuery();
    String host = u.getHost();
    if (host == null) {
      throw new IllegalArgumentException("no host in URL: " + url);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // IPv6 literal
    }
    return new Target(host, port, ssl, query == null ? path : path + "?" + query);
  }
}
