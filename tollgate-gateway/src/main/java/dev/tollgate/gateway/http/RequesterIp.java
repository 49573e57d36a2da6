package dev.tollgate.gateway.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The caller's IP address for a spend row's {@code requester_ip_address}: the peer of the connection, as LiteLLM
 * records it without {@code use_x_forwarded_for}. Read from the connection rather than the request: Vert.x Web's
 * request wrapper works out the scheme, host, port and absolute URI of every request before it answers
 * {@code remoteAddress()}, none of which this needs.
 */
public final class RequesterIp {
  private RequesterIp() {}

  /** The peer's address, or null when the connection has none (an in-memory request in a test). */
  public static String of(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    SocketAddress peer = connection == null ? null : connection.remoteAddress();
    return peer == null ? null : peer.hostAddress();
  }
}
