package dev.tollgate.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a {@link FakeUpstream} speaks TLS: not at all, HTTPS offering only HTTP/1.1, or HTTPS offering HTTP/2 first (by
 * ALPN), as the big providers' endpoints do. The certificate is a fixed self-signed one for {@code localhost} and
 * {@code 127.0.0.1} ({@code tls/fake-upstream.p12} in this jar, valid until 2126); a client trusts it through
 * {@link #certificatePem()}, the same certificate as PEM.
 */
public enum FakeTls {
  NONE,
  HTTP1,
  HTTP2;

  private static final String KEY_STORE = "tls/fake-upstream.p12";
  private static final String CERTIFICATE = "tls/fake-upstream-cert.pem";
  private static final String PASSWORD = "tollgate-testkit";

  /** The URL scheme clients use. */
  String scheme() {
    return this == NONE ? "http" : "https";
  }

  /** Adds TLS (and the ALPN offer) to the server's options. */
  HttpServerOptions apply(HttpServerOptions options) {
    if (this == NONE) {
      return options;
    }
    return options.setSsl(true)
        .setKeyCertOptions(new PfxOptions().setValue(Buffer.buffer(resource(KEY_STORE))).setPassword(PASSWORD))
        .setUseAlpn(true)
        .setAlpnVersions(this == HTTP2 ? List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)
            : List.of(HttpVersion.HTTP_1_1));
  }

  /** The fake's certificate as PEM text: what a client adds to its trusted certificates. */
  public static String certificatePem() {
    return new String(resource(CERTIFICATE), java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Writes the certificate as a PEM file under {@code dir} (for a config's CA bundle path) and returns its path. */
  public static Path writeCertificatePem(Path dir) {
    try {
      return Files.writeString(dir.resolve("fake-upstream-ca.pem"), certificatePem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = FakeTls.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing testkit resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
