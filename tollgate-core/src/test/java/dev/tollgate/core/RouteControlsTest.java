package dev.tollgate.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouteTrace;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteControlsTest {

  @Test
  void perRequestRoutingFieldsAreRead() throws Exception {
    ChatRequest request;
    try (InputStream in = getClass().getResourceAsStream("/router/route-controls-request.json")) {
      request = Json.MAPPER.readValue(in, ChatRequest.class);
    }
    RouteTrace trace = new RouteTrace();

    RouteRequest route = RouteControls.of(request.model(), request.extra(), true, trace);

    assertThat(route.model()).isEqualTo("gpt");
    assertThat(route.stream()).isTrue();
    assertThat(route.numRetries()).isEqualTo(1);
    assertThat(route.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(route.streamTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(route.fallbacks()).containsExactly("backup", "last-resort");
    assertThat(route.disableFallbacks()).isTrue();
    assertThat(route.tags()).isEqualTo(List.of("team-a", "batch"));
    assertThat(route.trace()).isSameAs(trace);
  }

  @Test
  void aPlainRequestHasNoControls() {
    ChatRequest request = ChatRequest.builder().model("gpt").build();

    RouteRequest route = RouteControls.of(request.model(), request.extra(), false, null);

    assertThat(route.numRetries()).isNull();
    assertThat(route.timeout()).isNull();
    assertThat(route.fallbacks()).isNull();
    assertThat(route.disableFallbacks()).isFalse();
    assertThat(route.tags()).isEmpty();
  }
}
