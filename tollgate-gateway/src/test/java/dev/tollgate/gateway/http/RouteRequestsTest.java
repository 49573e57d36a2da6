package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** LiteLLM's per-request routing controls, from the body and the x-litellm-* headers. Bodies in routing/requests/. */
class RouteRequestsTest {

  private static ObjectNode body(String name) {
    return (ObjectNode) Json.tree(Http.fixture("/routing/requests/" + name).getBytes(StandardCharsets.UTF_8));
  }

  private static RouteRequest of(String fixture, Map<String, String> headers) {
    ObjectNode body = body(fixture);
    return RouteRequests.of("gpt-4", body::get, headers::get, false, null);
  }

  @Test
  void everyBodyControlIsRead() {
    RouteRequest r = of("all-controls.json", Map.of());

    assertThat(r.model()).isEqualTo("gpt-4");
    assertThat(r.tags()).containsExactly("eu", "paid");
    assertThat(r.numRetries()).isEqualTo(4);
    assertThat(r.timeout()).isEqualTo(Duration.ofMillis(12_500));
    assertThat(r.streamTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(r.fallbacks()).containsExactly("gpt-3.5", "claude");
    assertThat(r.disableFallbacks()).isTrue();
    assertThat(r.trace()).isNotNull();
  }

  @Test
  void headersWinOverTheBodyAndHeaderTagsAreAdded() {
    RouteRequest r = of("all-controls.json", Map.of("x-litellm-num-retries", "0", "x-litellm-timeout", "3",
        "x-litellm-stream-timeout", "0.5", "x-litellm-tags", "paid, batch"));

    assertThat(r.numRetries()).isZero();
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(r.streamTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(r.tags()).containsExactly("eu", "paid", "batch");
  }

  @Test
  void metadataTagsCountWhenTheBodyHasNoTags() {
    assertThat(of("metadata-tags.json", Map.of()).tags()).containsExactly("from-metadata");
  }

  @Test
  void noControlsLeaveEverythingToTheRouter() {
    RouteRequest r = of("plain.json", Map.of());

    assertThat(r.tags()).isEmpty();
    assertThat(r.numRetries()).isNull();
    assertThat(r.timeout()).isNull();
    assertThat(r.streamTimeout()).isNull();
    assertThat(r.fallbacks()).isNull();
    assertThat(r.disableFallbacks()).isFalse();
    assertThat(r.countPromptTokens()).isZero();
  }

  @Test
  void thePromptIsCountedOnceAndOnlyWhenAsked() {
    ObjectNode body = body("plain.json");
    AtomicInteger counted = new AtomicInteger();
    RouteRequest r = RouteRequests.of("gpt-4", body::get, name -> null, true, () -> {
      counted.incrementAndGet();
      return 42;
    });

    assertThat(counted).hasValue(0);
    assertThat(r.countPromptTokens()).isEqualTo(42);
    assertThat(r.countPromptTokens()).isEqualTo(42);
    assertThat(counted).hasValue(1);
    assertThat(r.stream()).isTrue();
  }

  @Test
  void controlsOfTheWrongTypeAre400sNamingThem() {
    assertThat(catchThrowableOfType(ApiError.class, () -> of("bad-fallbacks.json", Map.of())).param())
        .isEqualTo("fallbacks");
    assertThat(catchThrowableOfType(ApiError.class, () -> of("bad-num-retries.json", Map.of())).param())
        .isEqualTo("num_retries");
    assertThat(catchThrowableOfType(ApiError.class, () -> of("bad-disable-fallbacks.json", Map.of())).param())
        .isEqualTo("disable_fallbacks");
    ApiError header = catchThrowableOfType(ApiError.class,
        () -> of("plain.json", Map.of("x-litellm-num-retries", "many")));
    assertThat(header.status()).isEqualTo(400);
    assertThat(header.getMessage()).contains("x-litellm-num-retries");
  }
}
