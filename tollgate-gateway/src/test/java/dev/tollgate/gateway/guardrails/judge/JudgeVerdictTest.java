package dev.tollgate.gateway.guardrails.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Judge answers in the forms models actually give, from a fixture: JSON, fenced JSON, verdict words, and none. */
class JudgeVerdictTest {
  @Test
  void everyFixtureAnswerReadsAsExpected() {
    JsonNode cases = Json.tree(Http.fixture("/guardrails/judge/verdicts.json").getBytes(StandardCharsets.UTF_8));
    assertThat(cases.size()).isGreaterThan(10);
    for (JsonNode c : cases) {
      String answer = c.get("answer").asText();
      JudgeVerdict.Decision d = JudgeVerdict.parse(answer);
      if (c.get("allowed").isNull()) {
        assertThat(d).as(answer).isNull();
        continue;
      }
      assertThat(d).as(answer).isNotNull();
      assertThat(d.allowed()).as(answer).isEqualTo(c.get("allowed").asBoolean());
      assertThat(d.reason()).as(answer).isEqualTo(c.get("reason").isNull() ? null : c.get("reason").asText());
    }
  }

  @Test
  void nullIsNoVerdict() {
    assertThat(JudgeVerdict.parse(null)).isNull();
  }
}
