package dev.tollgate.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bedrock error replies ({@code fixtures/bedrock/errors/cases.json}) to typed exceptions. */
class BedrockErrorsTest {
  private final BedrockProvider provider = BedrockTargets.provider();

  @Test
  void mapsEveryDocumentedException() {
    for (JsonNode c : Fixtures.tree("bedrock/errors/cases.json")) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      if (c.has("errorType")) {
        headers.put("x-amzn-ErrorType", List.of(c.get("errorType").asText()));
      }
      if (c.has("retryAfter")) {
        headers.put("retry-after", List.of(c.get("retryAfter").asText()));
      }
      byte[] body = c.get("body").isTextual()
          ? c.get("body").asText().getBytes(StandardCharsets.UTF_8)
          : Json.write(c.get("body"));

      ProviderException e = provider.error(new HttpReply(c.get("status").asInt(), headers, body),
          BedrockTargets.signed("anthropic.claude-3-haiku-20240307-v1:0"));

      assertThat(e.getClass().getSimpleName()).as("%s", c).isEqualTo(c.get("expect").asText());
      assertThat(e.status()).as("%s", c).isEqualTo(c.get("expectStatus").asInt());
      assertThat(e.provider()).isEqualTo("bedrock");
      String message = c.get("body").isTextual() ? "Bad gateway"
          : c.get("body").has("message") ? c.get("body").get("message").asText() : c.get("body").get("Message").asText();
      assertThat(e.getMessage()).as("%s", c).contains(message);
      if (e instanceof RateLimitException rate && c.has("retryAfter")) {
        assertThat(rate.retryAfter()).contains(Duration.ofSeconds(3));
      }
    }
  }

  @Test
  void theExceptionNameIsTheHeaderBeforeTheColon() {
    assertThat(BedrockErrors.exceptionName("ThrottlingException:http://internal.amazon.com/coral/x/"))
        .isEqualTo("ThrottlingException");
    assertThat(BedrockErrors.exceptionName("ValidationException")).isEqualTo("ValidationException");
    assertThat(BedrockErrors.exceptionName(null)).isNull();
  }

  @Test
  void streamExceptionsAreTypedByTheirFrameHeader() {
    byte[] payload = "{\"message\":\"The system encountered an unexpected error during processing. Try your request again.\"}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(BedrockErrors.fromStreamException("modelStreamErrorException", payload, "m").status()).isEqualTo(500);
    assertThat(BedrockErrors.fromStreamException("serviceUnavailableException", payload, "m").status())
        .isEqualTo(503);
    assertThat(BedrockErrors.fromStreamException("validationException", payload, "m").status()).isEqualTo(400);
    assertThat(BedrockErrors.fromStreamException("somethingNewException", payload, "m").status()).isEqualTo(500);
  }
}
