package dev.tollgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.FakeTls;
import dev.tollgate.testkit.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the gateway to an {@code https} upstream (the testkit's TLS fake, offering HTTP/2 and HTTP/1.1, trusted by
 * {@code ssl_verify} naming its certificate): whole answers and streams arrive as from a plain one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsUpstreamGatewayTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private FakeUpstream tlsFake;
  private RunningGateway gw;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    tlsFake = FakeUpstream.start(0, 1, FakeTls.HTTP2).defaultBehavior(Behavior.reply("Hello over TLS").chunked(4));
    gw = RunningGateway.start("/upstream/https-upstream-config.yaml", Map.of(
        "FAKE_TLS_BASE", tlsFake.baseUrl(),
        "FAKE_CA_BUNDLE", FakeTls.writeCertificatePem(dir).toString()));
  }

  @AfterAll
  void stop() {
    gw.close();
    tlsFake.close();
  }

  private HttpResponse<String> chat(String extra) {
    String body = "{\"model\": \"tls-model\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]" + extra + "}";
    return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(gw.url("/v1/chat/completions")))
        .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  @Test
  void aWholeAnswerComesBack() {
    HttpResponse<String> r = chat("");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("Hello over TLS").contains("\"usage\"");
    assertThat(tlsFake.requests()).isNotEmpty();
    assertThat(tlsFake.requests().getLast().header("authorization")).isEqualTo("Bearer sk-fake");
  }

  @Test
  void aStreamComesBackChunkByChunkToItsEnd() {
    HttpResponse<String> r = chat(", \"stream\": true");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    StringBuilder text = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"content\":\"([^\"]*)\"").matcher(r.body());
    while (m.find()) {
      text.append(m.group(1));
    }
    assertThat(text.toString()).isEqualTo("Hello over TLS");
  }
}
