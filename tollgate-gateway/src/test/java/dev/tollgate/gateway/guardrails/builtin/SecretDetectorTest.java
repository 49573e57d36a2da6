package dev.tollgate.gateway.guardrails.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.guardrails.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretDetectorTest {
  private final SpanGuardrail secrets = new SpanGuardrail(new SecretDetector(new EntropyTokens(24, 4.0, false)),
      Map.of(), EntityAction.MASK, e -> "[REDACTED]");

  @Test
  void findsEveryPositiveFixture() {
    List<String[]> rows = Fixtures.rows("secrets-positive.tsv");
    assertThat(rows).hasSizeGreaterThan(14);
    for (String[] row : rows) {
      assertThat(secrets.spans(row[1])).as(row[1]).extracting(Span::entity).contains(row[0]);
    }
  }

  @Test
  void findsNothingInOrdinaryText() {
    for (String line : Fixtures.lines("secrets-negative.txt")) {
      assertThat(secrets.spans(line)).as(line).isEmpty();
    }
  }

  @Test
  void masksTheKeyAndKeepsTheRest() {
    Verdict v = secrets.check(List.of("use sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB7CD0EF now"));
    assertThat(v).isInstanceOfSatisfying(Verdict.Masked.class, m -> {
      assertThat(m.texts()).containsExactly("use [REDACTED] now");
      assertThat(m.entities()).containsExactly("OPENAI_API_KEY");
    });
  }

  @Test
  void anAwsSecretFarFromAnyAccessKeyIdIsNotReportedAsOne() {
    String far = "AKIAIOSFODNN7EXAMPLE" + " filler".repeat(40) + " wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    assertThat(spans(new SecretDetector(null), far)).extracting(Span::entity)
        .containsExactly("AWS_ACCESS_KEY_ID");
  }

  @Test
  void entropyFinderIgnoresHexUnlessAsked() {
    String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assertThat(spans(new SecretDetector(new EntropyTokens(24, 3.0, false)), sha)).isEmpty();
    assertThat(spans(new SecretDetector(new EntropyTokens(24, 3.0, true)), sha)).extracting(Span::entity)
        .containsExactly(EntropyTokens.ENTITY);
  }

  private static List<Span> spans(SpanDetector d, String text) {
    return new SpanGuardrail(d, Map.of(), EntityAction.MASK, e -> "").spans(text);
  }

  @Test
  void shannonEntropyOfKnownStrings() {
    assertThat(EntropyTokens.shannon("aaaa")).isEqualTo(0.0);
    assertThat(EntropyTokens.shannon("abcd")).isEqualTo(2.0);
  }
}
