package dev.tollgate.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy to a server (here: Redis) that a test can cut and restore on the same port, to see what the
 * gateway does when Redis goes away mid-test and comes back, without stopping the shared Redis.
 */
public final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;

  public TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      this.port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    open();
  }

  public int port() {
    return port;
  }

  /** Accepts and forwards connections (again). */
  public synchronized void open() {
    if (server != null && !server.isClosed()) {
      return;
    }
    IOException last = null;
    for (int attempt = 0; attempt < 100; attempt++) { // a just-closed listener may hold the port for a moment
      try {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", port));
        server = s;
        Thread.ofPlatform().daemon().start(() -> accept(s));
        return;
      } catch (IOException e) {
        last = e;
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new UncheckedIOException(last);
  }

  /** Closes the listening socket and every forwarded connection: the server looks gone. */
  public synchronized void cut() {
    closeQuietly(server);
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket upstream = new Socket("127.0.0.1", targetPort);
        sockets.add(client);
        sockets.add(upstream);
        Thread.ofPlatform().daemon().start(() -> pipe(client, upstream));
        Thread.ofPlatform().daemon().start(() -> pipe(upstream, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buf = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // cut
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    cut();
  }
}
