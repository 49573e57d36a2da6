package dev.tollgate.providers.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.spi.HttpReply;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {

  static ProviderException map(int status, String fixture, Map<String, List<String>> headers) {
    return ErrorMapping.fromReply(new HttpReply(status, headers, Fixtures.bytes("openai/errors/" + fixture)),
        "openai", "gpt-4o");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      400 | 400-invalid.json                 | BadRequestException             | 400 | invalid_request_error
      400 | 400-context-length.json          | ContextWindowExceededException  | 400 | invalid_request_error
      400 | 400-content-filter-azure.json    | ContentPolicyViolationException | 400 | invalid_request_error
      401 | 401-invalid-key.json             | AuthenticationException         | 401 | authentication_error
      403 | 403-region.json                  | PermissionDeniedException       | 403 | permission_denied_error
      404 | 404-model.json                   | NotFoundException               | 404 | not_found_error
      408 | 500-server.json                  | TimeoutException                | 408 | timeout
      413 | 400-context-length.json          | ContextWindowExceededException  | 400 | invalid_request_error
      422 | 400-invalid.json                 | UnprocessableEntityException    | 422 | invalid_request_error
      429 | 429-rate-limit.json              | RateLimitException              | 429 | rate_limit_error
      500 | 500-server.json                  | InternalServerException         | 500 | api_error
      502 | 502-html.txt                     | BadGatewayException             | 502 | api_error
      503 | 503-overloaded.json              | ServiceUnavailableException     | 503 | api_error
      529 | 503-overloaded.json              | ServiceUnavailableException     | 503 | api_error
      504 | 500-server.json                  | InternalServerException         | 500 | api_error
      409 | 400-invalid.json                 | BadRequestException             | 400 | invalid_request_error
      400 | xai-string-error.json            | BadRequestException             | 400 | invalid_request_error
      """)
  void statusMapsToItsException(int status, String fixture, String className, int mappedStatus, String type) {
    ProviderException e = map(status, fixture, Map.of());
    assertThat(e.getClass().getSimpleName()).isEqualTo(className);
    assertThat(e.status()).isEqualTo(mappedStatus);
    assertThat(e.type()).isEqualTo(type);
    assertThat(e.provider()).isEqualTo("openai");
    assertThat(e.model()).isEqualTo("gpt-4o");
    assertThat(e.upstreamMessage()).isNotBlank();
    assertThat(e.getMessage()).endsWith("(openai/gpt-4o)");
  }

  @Test
  void messageIsTheUpstreamMessage() {
    assertThat(map(401, "401-invalid-key.json", Map.of()).upstreamMessage()).startsWith("Incorrect API key provided");
    assertThat(map(400, "xai-string-error.json", Map.of()).upstreamMessage()).startsWith("Incorrect API key provided: xa");
  }

  @Test
  void contextLengthCarriesItsCode() {
    ProviderException e = map(400, "400-context-length.json", Map.of());
    assertThat(e).isInstanceOf(ContextWindowExceededException.class).isInstanceOf(BadRequestException.class);
    assertThat(e.code()).isEqualTo("context_length_exceeded");
    assertThat(e.param()).isEqualTo("messages");
    assertThat(e.upstreamMessage()).contains("maximum context length");
  }

  @Test
  void maximumContextLengthInPlainTextIsDetected() {
    ProviderException e = ErrorMapping.fromReply(HttpReply.of(400,
        "Error: This model's maximum context length is 4096 tokens".getBytes()), "hosted_vllm", "m");
    assertThat(e).isInstanceOf(ContextWindowExceededException.class);
  }

  @Test
  void contentFilterIsAContentPolicyViolation() {
    ProviderException e = map(400, "400-content-filter-azure.json", Map.of());
    assertThat(e).isInstanceOf(ContentPolicyViolationException.class);
    assertThat(e.code()).isEqualTo("content_policy_violation");
    assertThat(e.status()).isEqualTo(400);
  }

  @Test
  void retryAfterSeconds() {
    RateLimitException e = (RateLimitException) map(429, "429-rate-limit.json", Map.of("Retry-After", List.of("20")));
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
  }

  @Test
  void retryAfterMillisWins() {
    RateLimitException e = (RateLimitException) map(429, "429-rate-limit.json",
        Map.of("retry-after-ms", List.of("1500"), "retry-after", List.of("20")));
    assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
  }

  @Test
  void retryAfterHttpDate() {
    String date = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30).format(DateTimeFormatter.RFC_1123_DATE_TIME);
    RateLimitException e = (RateLimitException) map(429, "429-rate-limit.json", Map.of("Retry-After", List.of(date)));
    assertThat(e.retryAfter()).hasValueSatisfying(d ->
        assertThat(d).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31)));
    String past = "Wed, 21 Oct 2015 07:28:00 GMT";
    RateLimitException old = (RateLimitException) map(429, "429-rate-limit.json", Map.of("Retry-After", List.of(past)));
    assertThat(old.retryAfter()).contains(Duration.ZERO);
  }

  @Test
  void retryAfterMissingOrGarbage() {
    assertThat(((RateLimitException) map(429, "429-rate-limit.json", Map.of())).retryAfter()).isEmpty();
    assertThat(((RateLimitException) map(429, "429-rate-limit.json", Map.of("Retry-After", List.of("soon"))))
        .retryAfter()).isEmpty();
  }

  @Test
  void nonJsonBodyIsKeptAsTheMessage() {
    ProviderException e = map(502, "502-html.txt", Map.of());
    assertThat(e.upstreamMessage()).isEqualTo("<html><body><h1>502 Bad Gateway</h1></body></html>");
  }

  @Test
  void emptyBodyGetsAMessage() {
    ProviderException e = ErrorMapping.fromReply(HttpReply.of(503, new byte[0]), "groq", "m");
    assertThat(e).isInstanceOf(ServiceUnavailableException.class);
    assertThat(e.upstreamMessage()).isEqualTo("upstream returned HTTP 503 with an empty body");
    ProviderException blank = ErrorMapping.fromReply(HttpReply.of(500, "  \n".getBytes()), "groq", "m");
    assertThat(blank.upstreamMessage()).contains("empty body");
  }

  @Test
  void otherBodyShapes() {
    assertThat(ErrorMapping.messageOf("{\"message\":\"plain message\"}".getBytes())).isEqualTo("plain message");
    assertThat(ErrorMapping.messageOf("{\"detail\":\"Not Found\"}".getBytes())).isEqualTo("Not Found");
    assertThat(ErrorMapping.messageOf(null)).isEmpty();
  }
}
