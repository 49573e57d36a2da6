package dev.tollgate.providers.cohere;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.spi.HttpReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CohereErrorsTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("400-invalid", BadRequestException.class),
        Arguments.of("400-too-many-tokens", ContextWindowExceededException.class),
        Arguments.of("401-invalid-token", AuthenticationException.class),
        Arguments.of("404-model", NotFoundException.class),
        Arguments.of("429-trial-limit", RateLimitException.class),
        Arguments.of("498-blocked", ContentPolicyViolationException.class),
        Arguments.of("500-internal", InternalServerException.class),
        Arguments.of("503-unavailable", ServiceUnavailableException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void statusAndBodyGiveTheTypedErrorWithCoheresMessage(String fixture, Class<? extends ProviderException> type) {
    byte[] body = Fixtures.bytes("cohere/errors/" + fixture + ".json");
    int status = Integer.parseInt(fixture.substring(0, 3));
    String message = Fixtures.tree("cohere/errors/" + fixture + ".json").get("message").asText();

    ProviderException error =
        CohereTestSupport.PROVIDER.chat().error(HttpReply.of(status, body), CohereTestSupport.target("command-r"));

    assertThat(error).isExactlyInstanceOf(type);
    assertThat(error.upstreamMessage()).isEqualTo(message);
    assertThat(error.provider()).isEqualTo("cohere");
    assertThat(error.model()).isEqualTo("command-r");
  }

  @Test
  void retryAfterOfA429IsKept() {
    HttpReply reply = new HttpReply(429, Map.of("retry-after", List.of("7")),
        Fixtures.bytes("cohere/errors/429-trial-limit.json"));

    ProviderException error = CohereTestSupport.PROVIDER.chat().error(reply, CohereTestSupport.target("command-r"));

    assertThat(((RateLimitException) error).retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void cancelledAndGatewayTimeoutStatuses() {
    byte[] body = "{\"message\":\"x\"}".getBytes();
    assertThat(CohereErrors.fromReply(HttpReply.of(499, body), "m")).isInstanceOf(APIConnectionException.class);
    assertThat(CohereErrors.fromReply(HttpReply.of(504, body), "m")).isInstanceOf(TimeoutException.class);
  }

  @Test
  void anEmptyBodyStillSaysWhatHappened() {
    ProviderException error = CohereErrors.fromReply(HttpReply.of(500, new byte[0]), "m");
    assertThat(error.upstreamMessage()).contains("HTTP 500");
  }
}
