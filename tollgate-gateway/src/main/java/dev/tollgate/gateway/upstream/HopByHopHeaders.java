package dev.tollgate.gateway.upstream;

import java.util.Locale;
import java.util.Set;

/**
 * Headers an adapter's call must not carry to the upstream as given: the connection-level ones of HTTP/1.1, which
 * HTTP/2 forbids outright (a request with one fails), and {@code host} and {@code content-length}, which the client
 * sets itself from the URL and the body. A deployment's {@code extra_headers} may name any of them.
 */
final class HopByHopHeaders {
  private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-connection",
      "transfer-encoding", "upgrade", "te", "host", "content-length");

  private HopByHopHeaders() {}

  /** True when the header is left out of the upstream request. */
  static boolean dropped(String name) {
    return DROPPED.contains(name.toLowerCase(Locale.ROOT));
  }
}
