package dev.tollgate.providers.anthropic;

import static dev.tollgate.providers.anthropic.AnthropicTesting.provider;
import static dev.tollgate.providers.anthropic.AnthropicTesting.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.spi.HttpReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "529, 529-overloaded.json, ServiceUnavailableException, 503, Overloaded",
      "429, 429-rate-limit.json, RateLimitException, 429, exceed the rate limit",
      "400, 400-prompt-too-long.json, ContextWindowExceededException, 400, prompt is too long",
      "400, 400-context-limit.json, ContextWindowExceededException, 400, exceed context limit",
      "400, 400-invalid.json, BadRequestException, 400, max_tokens: Field required",
      "401, 401-auth.json, AuthenticationException, 401, invalid x-api-key",
      "403, 403-permission.json, PermissionDeniedException, 403, does not have permission",
      "404, 404-not-found.json, NotFoundException, 404, claude-nope",
      "413, 413-too-large.json, BadRequestException, 400, maximum allowed number of bytes",
      "500, 500-api.json, InternalServerException, 500, Internal server error",
      "504, 504-timeout.json, TimeoutException, 408, Request timed out"
  })
  void errorBodiesBecomeTypedExceptions(int status, String file, String type, int mappedStatus, String message) {
    HttpReply reply = HttpReply.of(status, Fixtures.bytes("anthropic/errors/" + file));

    ProviderException e = provider().error(reply, target("claude-sonnet-4-5"));

    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.status()).isEqualTo(mappedStatus);
    assertThat(e.upstreamMessage()).contains(message);
    assertThat(e.provider()).isEqualTo("anthropic");
    assertThat(e.model()).isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void retryAfterIsKeptOnRateLimits() {
    HttpReply reply = new HttpReply(429, Map.of("retry-after", List.of("17")),
        Fixtures.bytes("anthropic/errors/429-rate-limit.json"));

    RateLimitException e = (RateLimitException) provider().error(reply, target("m"));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
  }

  @Test
  void aBodyThatIsNotAnthropicsIsMappedByStatus() {
    HttpReply reply = HttpReply.of(502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));

    ProviderException e = provider().error(reply, target("m"));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.upstreamMessage()).contains("Bad Gateway");
  }

  @Test
  void errorTypesHaveTheirDocumentedStatus() {
    assertThat(AnthropicErrors.statusOf("overloaded_error", 0)).isEqualTo(529);
    assertThat(AnthropicErrors.statusOf("billing_error", 0)).isEqualTo(402);
    assertThat(AnthropicErrors.statusOf("something_new", 500)).isEqualTo(500);
  }
}
