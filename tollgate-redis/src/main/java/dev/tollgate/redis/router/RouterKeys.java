package dev.tollgate.redis.router;

/**
 * The Redis keys of the router's shared state. Every key of a deployment carries its id in braces, a Redis Cluster
 * hash tag, so that all of one deployment's keys live in one slot.
 *
 * <ul>
 *   <li>{@code <base>{id}:<minute>}: hash with fields {@code r} (requests) and {@code t} (tokens) of one UTC minute
 *   <li>{@code <base>cooldown:{id}}: epoch millis until which the deployment cools down, expiring then
 *   <li>{@code <base>fails:{id}:<kind>}: failures counted in the window that began with the first of them
 *   <li>{@code <base>busy:{id}}: hash of each instance's calls in flight to the deployment
 * </ul>
 *
 * where {@code <base>} is the settings' key prefix followed by the namespace ({@code tollgate:router:} by default).
 */
final class RouterKeys {
  private final String base;

  RouterKeys(String base) {
    this.base = base;
  }

  String base() {
    return base;
  }

  String usage(String id, long minute) {
    return base + "{" + id + "}:" + minute;
  }

  String cooldown(String id) {
    return base + "cooldown:{" + id + "}";
  }

  String failures(String id, String kind) {
    return base + "fails:{" + id + "}:" + kind;
  }

  String busy(String id) {
    return base + "busy:{" + id + "}";
  }
}
