package dev.tollgate.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.BadGatewayException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.spi.HttpReply;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OllamaErrorsTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("404-model", NotFoundException.class),
        Arguments.of("400-invalid-json", BadRequestException.class),
        Arguments.of("400-context", ContextWindowExceededException.class),
        Arguments.of("429-rate", RateLimitException.class),
        Arguments.of("500-runner", InternalServerException.class),
        Arguments.of("502-cloud", BadGatewayException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void statusAndBodyGiveTheTypedErrorWithOllamasMessage(String fixture, Class<? extends ProviderException> type) {
    int status = Integer.parseInt(fixture.substring(0, 3));
    String message = Fixtures.tree("ollama/errors/" + fixture + ".json").get("error").asText();

    ProviderException error = OllamaTestSupport.PROVIDER.chat().error(
        HttpReply.of(status, Fixtures.bytes("ollama/errors/" + fixture + ".json")), OllamaTestSupport.target("m"));

    assertThat(error).isExactlyInstanceOf(type);
    assertThat(error.upstreamMessage()).isEqualTo(message);
    assertThat(error.provider()).isEqualTo("ollama");
  }
}
