package dev.tollgate.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadGatewayException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorKindTest {

  @Test
  void typedErrorsMapToLiteLlmNames() {
    assertThat(ErrorKind.of(new RateLimitException("m", "p", "x", null)).litellmName()).isEqualTo("RateLimitError");
    assertThat(ErrorKind.of(new AuthenticationException("m", "p", "x"))).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(ErrorKind.of(new TimeoutException("m", "p", "x")).litellmName()).isEqualTo("TimeoutError");
    assertThat(ErrorKind.of(new BadRequestException("m", "p", "x"))).isEqualTo(ErrorKind.BAD_REQUEST);
    assertThat(ErrorKind.of(new UnsupportedParamsException("seed", "p", "x"))).isEqualTo(ErrorKind.BAD_REQUEST);
    assertThat(ErrorKind.of(new ContextWindowExceededException("m", "p", "x")))
        .isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    assertThat(ErrorKind.of(new ContentPolicyViolationException("m", "p", "x")).litellmName())
        .isEqualTo("ContentPolicyViolationError");
    assertThat(ErrorKind.of(new InternalServerException("m", "p", "x"))).isEqualTo(ErrorKind.INTERNAL_SERVER);
    assertThat(ErrorKind.of(new ServiceUnavailableException("m", "p", "x"))).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
    assertThat(ErrorKind.of(new BadGatewayException("m", "p", "x")).litellmName()).isEqualTo("BadGatewayError");
    assertThat(ErrorKind.of(new NotFoundException("m", "p", "x"))).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(ErrorKind.of(new APIConnectionException("m", "p", "x")).litellmName())
        .isEqualTo("APIConnectionError");
  }

  @Test
  void wrappersAreLookedThroughAndUnknownErrorsAreConnectionErrors() {
    assertThat(ErrorKind.of(new CompletionException(new RateLimitException("m", "p", "x", null))))
        .isEqualTo(ErrorKind.RATE_LIMIT);
    assertThat(ErrorKind.of(new IllegalStateException("bug"))).isEqualTo(ErrorKind.API_CONNECTION);
    assertThat(ErrorKind.of(new ProviderException(503, "t", "m", "p", "x"))).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
    assertThat(ErrorKind.statusOf(new IllegalStateException("bug"))).isEqualTo(500);
  }

  @Test
  void policyKeysFollowLiteLlmsNaming() {
    assertThat(ErrorKind.RATE_LIMIT.retriesKey()).isEqualTo("RateLimitErrorRetries");
    assertThat(ErrorKind.BAD_GATEWAY.allowedFailsKey()).isEqualTo("BadGatewayErrorAllowedFails");
  }
}
