package dev.tollgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An upstream URL becomes host, port, TLS and path with query, as {@code setAbsoluteURI} would set them. */
class UpstreamUrlsTest {
  @ParameterizedTest
  @CsvSource({
      "http://127.0.0.1:8080/v1/chat/completions, 127.0.0.1, 8080, false, /v1/chat/completions",
      "https://api.openai.com/v1/chat/completions, api.openai.com, 443, true, /v1/chat/completions",
      "http://example.com, example.com, 80, false, /",
      "https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21, "
          + "x.openai.azure.com, 443, true, /openai/deployments/d/chat/completions?api-version=2024-10-21",
      "http://[::1]:9000/v1/embeddings, ::1, 9000, false, /v1/embeddings",
      "HTTPS://Host.Example:8443/a%20b, Host.Example, 8443, true, /a%20b"})
  void parses(String url, String host, int port, boolean ssl, String path) {
    assertThat(UpstreamUrls.parse(url)).isEqualTo(new UpstreamUrls.Target(host, port, ssl, path));
  }

  @Test
  void appliesTheSameTargetTwiceFromTheCache() {
    UpstreamUrls urls = new UpstreamUrls();
    RequestOptions a = urls.apply(new RequestOptions(), "http://127.0.0.1:1234/v1/models");
    RequestOptions b = urls.apply(new RequestOptions(), "http://127.0.0.1:1234/v1/models");
    for (RequestOptions o : new RequestOptions[] {a, b}) {
      assertThat(o.getHost()).isEqualTo("127.0.0.1");
      assertThat(o.getPort()).isEqualTo(1234);
      assertThat(o.isSsl()).isFalse();
      assertThat(o.getURI()).isEqualTo("/v1/models");
    }
  }

  @Test
  void refusesWhatIsNotAnHttpUrl() {
    assertThatThrownBy(() -> UpstreamUrls.parse("ftp://example.com/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UpstreamUrls.parse("http:///nohost")).isInstanceOf(IllegalArgumentException.class);
  }
}
