package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.bench.load.LoadGenerator.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WrkTest {
  private static String fixture(String name) throws IOException {
    try (InputStream in = WrkTest.class.getResourceAsStream("/load/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesACleanRun() throws IOException {
    Wrk.Report r = Wrk.parse(fixture("wrk-ok.txt"));
    assertThat(r.requests()).isEqualTo(35_442);
    assertThat(r.seconds()).isEqualTo(5.0);
    assertThat(r.requestsPerSecond()).isEqualTo(7083.63);
    assertThat(r.errors()).isZero();
    assertThat(r.ok()).isEqualTo(35_442);
    assertThat(r.okPerSecond()).isEqualTo(7083.63);
  }

  @Test
  void parsesNon2xxOfARealRun() throws IOException {
    // wrk 4.1.0 against python's http.server, which answers POST with 501
    Wrk.Report r = Wrk.parse(fixture("wrk-non2xx.txt"));
    assertThat(r.requests()).isEqualTo(908);
    assertThat(r.requestsPerSecond()).isEqualTo(905.42);
    assertThat(r.non2xx()).isEqualTo(908);
    assertThat(r.socketErrors()).isZero();
    assertThat(r.ok()).isZero();
    assertThat(r.okPerSecond()).isZero();
  }

  @Test
  void parsesSocketErrorsAndScalesRequestsPerSecondToTheSuccessfulOnes() throws IOException {
    Wrk.Report r = Wrk.parse(fixture("wrk-socket-errors.txt"));
    assertThat(r.requests()).isEqualTo(532_301);
    assertThat(r.seconds()).isEqualTo(30.0);
    assertThat(r.connectErrors()).isZero();
    assertThat(r.readErrors()).isEqualTo(17);
    assertThat(r.writeErrors()).isEqualTo(2);
    assertThat(r.timeouts()).isEqualTo(5);
    assertThat(r.non2xx()).isEqualTo(11);
    assertThat(r.socketErrors()).isEqualTo(24);
    assertThat(r.errors()).isEqualTo(35);
    assertThat(r.ok()).isEqualTo(532_290);
    assertThat(r.okPerSecond()).isCloseTo(17742.89 * 532_290 / 532_301, within(1e-6));
  }

  @Test
  void rejectsWhatIsNotAReport() {
    assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a wrk report");
  }

  @Test
  void scriptPostsTheBodyWithTheHeaders() {
    Endpoint e = new Endpoint("127.0.0.1", 8080, "/v1/chat/completions",
        Map.of("authorization", "Bearer sk-x", "x-portkey-custom-host", "http://127.0.0.1:1/v1"),
        TargetConfigs.body("bench-model", false).getBytes(StandardCharsets.UTF_8));
    String lua = Wrk.script(e);
    assertThat(lua).contains("wrk.method = \"POST\"\n",
        "wrk.body = \"{\\\"model\\\":\\\"bench-model\\\",\\\"messages\\\":[{\\\"role\\\":\\\"user\\\","
            + "\\\"content\\\":\\\"hello\\\"}]}\"\n",
        "wrk.headers[\"Content-Type\"] = \"application/json\"\n",
        "wrk.headers[\"authorization\"] = \"Bearer sk-x\"\n",
        "wrk.headers[\"x-portkey-custom-host\"] = \"http://127.0.0.1:1/v1\"\n");
    assertThat(Wrk.lua("a\\b\n€")).isEqualTo("\"a\\\\b\\010\\226\\130\\172\"");
  }

  @Test
  void commandIsOneThreadWithTheConnectionsAndWholeSeconds() {
    Endpoint e = new Endpoint("127.0.0.1", 8080, "/v1/chat/completions", Map.of(), new byte[0]);
    assertThat(Wrk.command(Path.of("/usr/bin/wrk"), e, 64, Duration.ofSeconds(30), Path.of("/tmp/s.lua")))
        .containsExactly("/usr/bin/wrk", "-t1", "-c64", "-d30s", "--timeout", "10s", "--latency", "-s", "/tmp/s.lua",
            "http://127.0.0.1:8080/v1/chat/completions");
    assertThat(Wrk.command(Path.of("wrk"), e, 64, Duration.ofMillis(200), Path.of("s.lua"))).contains("-d1s");
  }
}
