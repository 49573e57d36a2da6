package dev.tollgate.gateway.cli;

import java.util.Map;

/**
 * Vert.x and Netty system properties the gateway process sets before either is loaded, unless the operator set them
 * ({@code -D...} in {@code TOLLGATE_JVM_OPTS}). The three Vert.x ones together took 2-7% off the event loops' CPU per
 * proxied request, Netty's pooled allocator about 4% more (docs/benchmarks.md, "Profile notes").
 *
 * <ul>
 *   <li>{@code vertx.disableContextTimings}: Vert.x stamps the time at the start and end of every task it runs on an
 *       event loop, for its blocked-thread checker. Without them that checker no longer warns about a blocked event
 *       loop; set the property to {@code false} to have the warnings back (at that cost).
 *   <li>{@code vertx.internCommonHttpRequestHeadersToLowerCase}: common request header names are decoded to shared
 *       lower-case constants instead of a new string per request.
 *   <li>{@code vertx.cacheImmutableHttpResponseHeaders}: header maps that never change are encoded once.
 *   <li>{@code io.netty.allocator.type=pooled}: the socket buffers come from Netty's pooled allocator (per-thread
 *       caches over size-class arenas; Netty 4.1's default) instead of the adaptive one that Netty 4.2 made the
 *       default. Side by side under {@code wrk -c64} the pooled one used about 4% less CPU per proxied request (9 of
 *       10 rounds); 1,000 concurrent streams cost the same per event, and resident size showed no consistent
 *       difference.
 * </ul>
 *
 * Header validation ({@code vertx.disableHttpHeadersValidation}) stays on: response headers carry values from request
 * bodies (the model group), and it is what refuses a value with a line break in it.
 */
public final class NetworkStackDefaults {
  static final Map<String, String> PROPERTIES = Map.of(
      "vertx.disableContextTimings", "true",
      "vertx.internCommonHttpRequestHeadersToLowerCase", "true",
      "vertx.cacheImmutableHttpResponseHeaders", "true",
      "io.netty.allocator.type", "pooled");

  private NetworkStackDefaults() {}

  /** Sets each property that is not already set. Call before anything touches a Vert.x or Netty class. */
  public static void apply() {
    PROPERTIES.forEach((name, value) -> {
      if (System.getProperty(name) == null) {
        System.setProperty(name, value);
      }
    });
  }
}
