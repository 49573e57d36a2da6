package dev.tollgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.gateway.config.ConfigException;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code litellm_settings.ssl_verify}: absent, a boolean, its text, or a certificate bundle's path. */
class UpstreamTlsTest {
  @Test
  void absentOrTrueChecksAgainstTheJdksAuthorities() {
    assertThat(UpstreamTls.read(null)).isEqualTo(UpstreamTls.DEFAULT);
    assertThat(UpstreamTls.read(NullNode.instance)).isEqualTo(UpstreamTls.DEFAULT);
    assertThat(UpstreamTls.read(BooleanNode.TRUE)).isEqualTo(UpstreamTls.DEFAULT);
    assertThat(UpstreamTls.read(TextNode.valueOf("True"))).isEqualTo(UpstreamTls.DEFAULT);
    HttpClientOptions options = UpstreamTls.DEFAULT.apply(new HttpClientOptions());
    assertThat(options.isTrustAll()).isFalse();
    assertThat(options.isVerifyHost()).isTrue();
    assertThat(options.getTrustOptions()).isNull();
  }

  @Test
  void falseTrustsAnyCertificate() {
    for (var value : new com.fasterxml.jackson.databind.JsonNode[] {BooleanNode.FALSE, TextNode.valueOf("false")}) {
      UpstreamTls tls = UpstreamTls.read(value);
      assertThat(tls.verify()).isFalse();
      HttpClientOptions options = tls.apply(new HttpClientOptions());
      assertThat(options.isTrustAll()).isTrue();
      assertThat(options.isVerifyHost()).isFalse();
    }
  }

  @Test
  void aPathTrustsTheCertificatesInThatFile(@TempDir Path dir) throws Exception {
    Path bundle = Files.writeString(dir.resolve("ca.pem"), dev.tollgate.testkit.FakeTls.certificatePem());
    UpstreamTls tls = UpstreamTls.read(TextNode.valueOf(bundle.toString()));
    assertThat(tls).isEqualTo(new UpstreamTls(true, bundle));
    HttpClientOptions options = tls.apply(new HttpClientOptions());
    assertThat(options.isTrustAll()).isFalse();
    assertThat(((PemTrustOptions) options.getTrustOptions()).getCertPaths()).containsExactly(bundle.toString());
  }

  @Test
  void aPathThatCannotBeReadOrAnotherTypeIsAConfigError(@TempDir Path dir) {
    assertThatThrownBy(() -> UpstreamTls.read(TextNode.valueOf(dir.resolve("missing.pem").toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read").hasMessageContaining("missing.pem");
    assertThatThrownBy(() -> UpstreamTls.read(TextNode.valueOf(dir.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read");
    assertThatThrownBy(() -> UpstreamTls.read(IntNode.valueOf(1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ssl_verify must be true, false or the path");
  }
}
