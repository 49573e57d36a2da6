package dev.tollgate.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.error.PermissionDeniedException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.spi.HttpReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiErrorsTest {

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("400-api-key-invalid", AuthenticationException.class, 401),
        Arguments.of("400-token-limit", ContextWindowExceededException.class, 400),
        Arguments.of("400-invalid-argument", BadRequestException.class, 400),
        Arguments.of("400-failed-precondition", BadRequestException.class, 400),
        Arguments.of("401-unauthenticated", AuthenticationException.class, 401),
        Arguments.of("403-permission-denied", PermissionDeniedException.class, 403),
        Arguments.of("404-not-found", NotFoundException.class, 404),
        Arguments.of("429-resource-exhausted", RateLimitException.class, 429),
        Arguments.of("500-internal", InternalServerException.class, 500),
        Arguments.of("503-unavailable", ServiceUnavailableException.class, 503),
        Arguments.of("504-deadline", TimeoutException.class, 408));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void errorBodyMapsToTheTypedErrorKeepingGooglesMessage(
      String name, Class<? extends ProviderException> type, int status) {
    byte[] body = Fixtures.bytes("gemini/errors/" + name + ".json");
    int httpStatus = Integer.parseInt(name.substring(0, 3));
    ProviderException e = GeminiErrors.fromReply(new HttpReply(httpStatus, Map.of(), body), "gemini", "m");
    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.status()).isEqualTo(status);
    String message = dev.tollgate.providers.types.Json.tree(body).at("/error/message").asText();
    assertThat(e.upstreamMessage()).isEqualTo(message);
  }

  @Test
  void resourceExhaustedKeepsTheRetryInfoDelayUnlessAHeaderSaysOtherwise() {
    byte[] body = Fixtures.bytes("gemini/errors/429-resource-exhausted.json");
    RateLimitException fromBody =
        (RateLimitException) GeminiErrors.fromReply(new HttpReply(429, Map.of(), body), "gemini", "m");
    assertThat(fromBody.retryAfter()).contains(Duration.ofSeconds(17));
    RateLimitException fromHeader = (RateLimitException) GeminiErrors.fromReply(
        new HttpReply(429, Map.of("Retry-After", List.of("3")), body), "gemini", "m");
    assertThat(fromHeader.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void aBodyThatIsNotGooglesEnvelopeFallsBackToTheStatus() {
    ProviderException e = GeminiErrors.fromReply(
        new HttpReply(502, Map.of(), "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)), "gemini", "m");
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.upstreamMessage()).contains("Bad Gateway");
  }
}
