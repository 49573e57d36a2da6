package dev.tollgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.http.ApiError;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.api.Test;

/** Paths, prefixes and LiteLLM's route groups; the cases are in {@code auth/allowed-routes.csv}. */
class AllowedRoutesTest {
  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvFileSource(resources = "/auth/allowed-routes.csv", delimiter = ',')
  void decides(String allowed, String path, boolean expected) {
    assertThat(AllowedRoutes.allows(List.of(allowed.split(" ")), path)).isEqualTo(expected);
  }

  @Test
  void anEmptyListAllowsEverything() {
    AllowedRoutes.check(List.of(), "/key/generate");
  }

  @Test
  void aRefusalIsLiteLlms403() {
    assertThatThrownBy(() -> AllowedRoutes.check(List.of("llm_api_routes"), "/key/info"))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.getMessage()).isEqualTo("Virtual key is not allowed to call this route. Only allowed to call "
              + "routes: ['llm_api_routes']. Tried to call route: /key/info");
        });
  }

  @Test
  void anEntryThatIsNeitherPathNorGroupIsRejected() {
    assertThatThrownBy(() -> AllowedRoutes.validate("allowed_routes", List.of("/v1/chat/completions", "llm_routes")))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("'llm_routes'").contains("llm_api_routes");
        });
  }
}
