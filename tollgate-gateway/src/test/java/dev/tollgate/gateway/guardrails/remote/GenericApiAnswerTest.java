package dev.tollgate.gateway.guardrails.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.guardrails.GuardrailFailure;
import dev.tollgate.gateway.guardrails.Verdict;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.TimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of answer a Generic Guardrail API service may give, read from fixture files. */
class GenericApiAnswerTest {
  private static final List<String> SENT = List.of("mail jane@example.com", "and say hi");

  private static Verdict answer(int status, String fixture) {
    byte[] body = Http.fixture("/guardrails/remote/answers/" + fixture).getBytes(StandardCharsets.UTF_8);
    return GenericApiAnswer.verdict(status, body, SENT);
  }

  @Test
  void blockedBlocksWithTheServicesReason() {
    assertThat(answer(200, "blocked.json")).isEqualTo(new Verdict.Blocked(List.of(), "mentions a competitor"));
    assertThat(answer(200, "blocked-no-reason.json")).isEqualTo(new Verdict.Blocked(List.of(), null));
  }

  @Test
  void intervenedTextsMaskOneForOne() {
    assertThat(answer(200, "intervened.json"))
        .isEqualTo(new Verdict.Masked(List.of("mail [EMAIL]", "and say hi"), List.of()));
  }

  @Test
  void noneAMissingActionAndUnchangedTextsPass() {
    assertThat(answer(200, "none.json")).isEqualTo(Verdict.PASS);
    assertThat(answer(200, "no-action.json")).isEqualTo(Verdict.PASS);
    assertThat(answer(200, "none-same-texts.json")).isEqualTo(Verdict.PASS);
  }

  @Test
  void answersThatAreNoVerdictAreErrors() {
    for (String fixture : List.of("unknown-action.json", "wrong-count.json", "texts-not-strings.json", "array.json",
        "not-json.txt")) {
      assertThatThrownBy(() -> answer(200, fixture)).as(fixture).isInstanceOfSatisfying(GuardrailFailure.class,
          f -> {
            assertThat(f.unreachable()).isFalse();
            assertThat(f.outcome()).isEqualTo("error");
          });
    }
    assertThatThrownBy(() -> answer(200, "unknown-action.json")).hasMessageContaining("'ALLOW'");
  }

  @Test
  void statusesSayWhetherTheServiceIsUnreachable() {
    for (int status : new int[] {502, 503, 504}) {
      assertThatThrownBy(() -> answer(status, "none.json")).isInstanceOfSatisfying(GuardrailFailure.class,
          f -> assertThat(f.unreachable()).isTrue()).hasMessageContaining("HTTP " + status);
    }
    for (int status : new int[] {500, 400, 401, 404, 429}) {
      assertThatThrownBy(() -> answer(status, "none.json")).isInstanceOfSatisfying(GuardrailFailure.class,
          f -> assertThat(f.unreachable()).isFalse());
    }
  }

  @Test
  void transportFailuresAreUnreachableAndTimeoutsAreTimeouts() {
    GuardrailFailure timeout = GenericApiAnswer.failure(new TimeoutException("slow", "guardrail 'g'", null));
    assertThat(timeout.timedOut()).isTrue();
    assertThat(timeout.unreachable()).isTrue();
    assertThat(timeout.outcome()).isEqualTo("timeout");
    GuardrailFailure refused = GenericApiAnswer.failure(
        new APIConnectionException("connection refused", "guardrail 'g'", null));
    assertThat(refused.unreachable()).isTrue();
    assertThat(refused.timedOut()).isFalse();
    assertThat(GenericApiAnswer.failure(new IllegalStateException("odd")).unreachable()).isFalse();
  }
}
