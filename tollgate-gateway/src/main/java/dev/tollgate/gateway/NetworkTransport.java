package dev.tollgate.gateway;

import io.vertx.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The event loops' network transport. By default the fastest one that works on this host: Linux io_uring (fewer
 * system calls per proxied request than epoll), else Linux epoll, else Java NIO. Both native libraries ship in the jar
 * for Linux on x86-64; io_uring is often refused inside containers (the default seccomp profiles of Docker and
 * Kubernetes block its system calls) and then epoll is used. {@code -Dtollgate.transport} or the
 * {@code TOLLGATE_TRANSPORT} environment variable ({@code io_uring}, {@code epoll} or {@code nio}) names the first one
 * to try instead.
 *
 * @param transport the chosen transport, handed to Vert.x
 * @param description what the start-up banner prints: the name, and why each better one was not used
 */
public record NetworkTransport(Transport transport, String description) {
  public static final String PROPERTY = "tollgate.transport";
  public static final String ENVIRONMENT = "TOLLGATE_TRANSPORT";

  private static final List<Transport> BEST_FIRST = List.of(Transport.IO_URING, Transport.EPOLL, Transport.NIO);

  /** The transport the operator asked for (property first, then environment), or the best available. */
  public static NetworkTransport choose() {
    String requested = System.getProperty(PROPERTY);
    if (requested == null || requested.isBlank()) {
      requested = System.getenv(ENVIRONMENT);
    }
    return choose(requested);
  }

  /**
   * @param requested {@code io_uring}, {@code epoll} or {@code nio} (any case), or null/blank for the best available
   * @throws IllegalArgumentException for any other name
   */
  public static NetworkTransport choose(String requested) {
    List<Transport> order = BEST_FIRST;
    if (requested != null && !requested.isBlank()) {
      Transport first = byName(requested.strip());
      order = BEST_FIRST.subList(BEST_FIRST.indexOf(first), BEST_FIRST.size());
    }
    List<String> skipped = new ArrayList<>();
    for (Transport t : order) {
      if (t == Transport.NIO || t.available()) {
        String name = label(t);
        return new NetworkTransport(t, skipped.isEmpty() ? name : name + " (" + String.join("; ", skipped) + ")");
      }
      Throwable why = t.unavailabilityCause();
      skipped.add(label(t) + " unavailable: " + (why == null ? "unknown reason" : why.getMessage()));
    }
    throw new IllegalStateException("unreachable: NIO is always available");
  }

  private static Transport byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "io_uring", "iouring", "io-uring" -> Transport.IO_URING;
      case "epoll" -> Transport.EPOLL;
      case "nio" -> Transport.NIO;
      default -> throw new IllegalArgumentException(PROPERTY + " (or " + ENVIRONMENT + ") is '" + name
          + "'; it must be io_uring, epoll or nio");
    };
  }

  private static String label(Transport t) {
    if (t == Transport.IO_URING) {
      return "native io_uring";
    }
    return t == Transport.EPOLL ? "native epoll" : "Java NIO";
  }
}
