package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The fake over HTTPS: HTTP/2 or HTTP/1.1 as ALPN offers, with a certificate a client can trust from its PEM. */
class FakeTlsTest {
  private static final String BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private static HttpClient trustingClient() throws Exception {
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(FakeTls.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=localhost");
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("fake", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_2).build();
  }

  private static HttpResponse<String> chat(HttpClient client, FakeUpstream fake) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
        .header("authorization", "Bearer sk-x").header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void offersHttp2ByAlpn() throws Exception {
    try (FakeUpstream fake = FakeUpstream.start(0, 1, FakeTls.HTTP2).defaultBehavior(Behavior.reply("tls"))) {
      assertThat(fake.baseUrl()).startsWith("https://127.0.0.1:");
      HttpResponse<String> r = chat(trustingClient(), fake);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(r.body()).contains("\"content\":\"tls\"");
    }
  }

  @Test
  void http1OnlyAnswersAnHttp2ClientWithHttp1() throws Exception {
    try (FakeUpstream fake = FakeUpstream.start(0, 1, FakeTls.HTTP1).defaultBehavior(Behavior.reply("tls"))) {
      HttpResponse<String> r = chat(trustingClient(), fake);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
  }

  @Test
  void theCommandLineTakesTls() {
    assertThat(FakeUpstreamMain.parse(new String[] {"--tls", "h2"}).tls()).isEqualTo(FakeTls.HTTP2);
    assertThat(FakeUpstreamMain.parse(new String[] {"--tls", "http1"}).tls()).isEqualTo(FakeTls.HTTP1);
    assertThat(FakeUpstreamMain.parse(new String[] {}).tls()).isEqualTo(FakeTls.NONE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FakeUpstreamMain.parse(new String[] {"--tls", "h3"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tls is h2 or http1");
  }
}
