package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import io.vertx.core.transport.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway's event loops use the fastest network transport this host allows (io_uring, else epoll, else NIO; both
 * native libraries ship in the jar for Linux on x86-64), and serve the same on whichever one the operator forces.
 */
class GatewayTransportTest {
  private static final String MASTER = "sk-test-master";

  @AfterEach
  void clearProperty() {
    System.clearProperty(NetworkTransport.PROPERTY);
  }

  @Test
  void byDefaultTheBestTransportThisHostAllows() throws Exception {
    try (RunningGateway gw = RunningGateway.start("/spend/spend-config.yaml")) {
      String transport = gw.gateway().transport();
      if (Transport.IO_URING.available()) {
        assertThat(transport).isEqualTo("native io_uring");
      } else if (Transport.EPOLL.available()) {
        assertThat(transport).startsWith("native epoll (native io_uring unavailable: ");
      } else {
        assertThat(transport).startsWith("Java NIO (native io_uring unavailable: ")
            .contains("native epoll unavailable: ");
      }
      boolean linuxX8664 = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")
          && System.getProperty("os.arch").matches("amd64|x86_64");
      if (linuxX8664) {
        assertThat(Transport.EPOLL.available()).as("epoll ships in the jar for Linux x86-64").isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"io_uring", "epoll", "nio"})
  void eachTransportServesProxiedCallsAndStreams(String name) throws Exception {
    System.setProperty(NetworkTransport.PROPERTY, name);
    String expected = NetworkTransport.choose(name).description();
    try (RunningGateway gw = RunningGateway.start("/spend/spend-config.yaml")) {
      assertThat(gw.gateway().transport()).isEqualTo(expected);
      Http.Reply reply = new Http(gw).post("/v1/chat/completions", MASTER,
          Http.fixture("/gateway/transport/chat.json"));
      assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
      assertThat(reply.json().path("object").asText()).isEqualTo("chat.completion");

      HttpResponse<String> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(gw.url("/v1/chat/completions")))
          .header("authorization", "Bearer " + MASTER)
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Http.fixture("/gateway/transport/chat-stream.json")))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.body()).contains("\"chat.completion.chunk\"").endsWith("data: [DONE]\n\n");
    }
  }

  @Test
  void anUnknownTransportNameIsRefusedWithTheNamesThatWork() {
    assertThatThrownBy(() -> NetworkTransport.choose("kqueue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'kqueue'").hasMessageContaining("io_uring, epoll or nio");
  }

  @Test
  void aNameIsReadWithoutRegardToCaseOrSurroundingSpace() {
    assertThat(NetworkTransport.choose(" NIO ").transport()).isEqualTo(Transport.NIO);
    assertThat(NetworkTransport.choose(" NIO ").description()).isEqualTo("Java NIO");
  }
}
