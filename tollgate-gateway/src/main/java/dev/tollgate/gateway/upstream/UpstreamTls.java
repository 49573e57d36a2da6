package dev.tollgate.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How calls to {@code https} upstreams check the server's certificate: LiteLLM's {@code litellm_settings.ssl_verify}.
 * {@code true} (the default) trusts the JDK's certificate authorities and checks the host name; {@code false} trusts
 * any certificate (a self-signed model server on a private network); a path to a PEM file trusts only the
 * certificates in it (a company's own certificate authority), as the Python clients LiteLLM uses do with a bundle.
 *
 * @param verify whether the server's certificate and host name are checked
 * @param caBundle the PEM file of trusted certificates, or null for the JDK's
 */
public record UpstreamTls(boolean verify, Path caBundle) {
  public static final UpstreamTls DEFAULT = new UpstreamTls(true, null);

  /** Reads {@code litellm_settings.ssl_verify}: absent, a boolean, {@code "true"}/{@code "false"}, or a PEM path. */
  public static UpstreamTls read(JsonNode sslVerify) {
    return read(sslVerify, "litellm_settings.ssl_verify");
  }

  /** Reads an {@code ssl_verify} value found at {@code where} (named in the error of a bad value). */
  public static UpstreamTls read(JsonNode sslVerify, String where) {
    UpstreamTls tls = parse(sslVerify, where);
    Path bundle = tls.caBundle();
    if (bundle != null && (!Files.isReadable(bundle) || Files.isDirectory(bundle))) {
      throw new ConfigException(where + " names a certificate file that cannot be read: " + bundle);
    }
    return tls;
  }

  /** The value without looking at the file system: for a value {@link #read} already accepted. */
  static UpstreamTls parse(JsonNode sslVerify, String where) {
    if (sslVerify == null || sslVerify.isNull()) {
      return DEFAULT;
    }
    if (sslVerify.isBoolean()) {
      return sslVerify.booleanValue() ? DEFAULT : new UpstreamTls(false, null);
    }
    if (!sslVerify.isTextual() || sslVerify.asText().isBlank()) {
      throw new ConfigException(where + " must be true, false or the path of a PEM file of trusted certificates, "
          + "got " + sslVerify);
    }
    String text = sslVerify.asText().trim();
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> DEFAULT;
      case "false" -> new UpstreamTls(false, null);
      default -> new UpstreamTls(true, Path.of(text));
    };
  }

  /** The same trust as options for one request (a deployment's own {@code ssl_verify}). */
  ClientSSLOptions requestOptions() {
    ClientSSLOptions options = new ClientSSLOptions();
    if (!verify) {
      return options.setTrustAll(true).setHostnameVerificationAlgorithm("");
    }
    if (caBundle != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(caBundle.toString()));
    }
    return options.setHostnameVerificationAlgorithm("HTTPS");
  }

  /** Sets the same trust on the options of the client that calls {@code https} upstreams. */
  HttpClientOptions apply(HttpClientOptions options) {
    ClientSSLOptions trust = requestOptions();
    options.setTrustAll(trust.isTrustAll()).setVerifyHost(!trust.getHostnameVerificationAlgorithm().isEmpty());
    return trust.getTrustOptions() == null ? options : options.setTrustOptions(trust.getTrustOptions());
  }
}
