package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Bad bodies for every entity route are a 4xx naming the problem, never a 500 (one database suffices: the checks
 * run before any query).
 */
class BadManagementInputTest extends AdminApiContract {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.sqlite();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvFileSource(resources = "/admin/bad/cases.csv", delimiter = '|', numLinesToSkip = 1)
  void badBodyIsA4xxNamingTheProblem(String path, String body, int status, String param, String fragment) {
    Reply r = http.post(path, MASTER, body);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
    assertThat(r.error().get("message").asText()).contains(fragment);
    assertThat(r.error().get("code").asText()).isEqualTo(Integer.toString(status));
    if (!"-".equals(param)) {
      assertThat(r.error().get("param").asText()).isEqualTo(param);
    }
  }
}
