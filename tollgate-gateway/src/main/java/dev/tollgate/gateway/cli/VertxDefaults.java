package dev.tollgate.gateway.cli;

import java.util.Map;

/**
 * Vert.x system properties the gateway process sets before Vert.x is loaded, unless the operator set them
 * ({@code -D...} in {@code TOLLGATE_JVM_OPTS}): together they took 2-7% off the event loops' CPU per proxied request
 * (docs/benchmarks.md, "Profile notes").
 *
 * <ul>
 *   <li>{@code vertx.disableContextTimings}: Vert.x stamps the time at the start and end of every task it runs on an
 *       event loop, for its blocked-thread checker. Without them that checker no longer warns about a blocked event
 *       loop; set the property to {@code false} to have the warnings back (at that cost).
 *   <li>{@code vertx.internCommonHttpRequestHeadersToLowerCase}: common request header names are decoded to shared
 *       lower-case constants instead of a new string per request.
 *   <li>{@code vertx.cacheImmutableHttpResponseHeaders}: header maps that never change are encoded once.
 * </ul>
 *
 * Header validation ({@code vertx.disableHttpHeadersValidation}) stays on: response headers carry values from request
 * bodies (the model group), and it is what refuses a value with a line break in it.
 */
public final class VertxDefaults {
  static final Map<String, String> PROPERTIES = Map.of(
      "vertx.disableContextTimings", "true",
      "vertx.internCommonHttpRequestHeadersToLowerCase", "true",
      "vertx.cacheImmutableHttpResponseHeaders", "true");

  private VertxDefaults() {}

  /** Sets each property that is not already set. Call before anything touches a Vert.x class. */
  public static void apply() {
    PROPERTIES.forEach((name, value) -> {
      if (System.getProperty(name) == null) {
        System.setProperty(name, value);
      }
    });
  }
}
