package dev.tollgate.gateway.guardrails.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.guardrails.Verdict;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {
  private final SpanGuardrail all = new SpanGuardrail(PiiDetector.all(), Map.of(), EntityAction.MASK,
      e -> "<" + e + ">");

  @Test
  void findsEveryPositiveFixtureAsItsEntity() {
    List<String[]> rows = Fixtures.rows("pii-positive.tsv");
    assertThat(rows).hasSizeGreaterThan(20);
    for (String[] row : rows) {
      assertThat(all.spans(row[1])).as(row[1]).extracting(Span::entity).contains(row[0]);
    }
  }

  @Test
  void findsNothingInOrdinaryText() {
    List<String> lines = Fixtures.lines("pii-negative.txt");
    assertThat(lines).hasSizeGreaterThan(20);
    for (String line : lines) {
      assertThat(all.spans(line)).as(line).isEmpty();
      assertThat(all.check(List.of(line))).as(line).isEqualTo(Verdict.PASS);
    }
  }

  @Test
  void masksAsPresidioDoesAndNamesOnlyTheTypes() {
    Verdict v = all.check(List.of("mail jane.doe@example.com or call +44 20 7946 0958", "nothing here"));
    assertThat(v).isInstanceOfSatisfying(Verdict.Masked.class, m -> {
      assertThat(m.texts()).containsExactly("mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>", "nothing here");
      assertThat(m.entities()).containsExactly("EMAIL_ADDRESS", "PHONE_NUMBER");
    });
  }

  @Test
  void anEntityConfiguredToBlockBlocksTheWholeText() {
    SpanGuardrail g = new SpanGuardrail(PiiDetector.all(), Map.of("CREDIT_CARD", EntityAction.BLOCK),
        EntityAction.MASK, e -> "<" + e + ">");
    assertThat(g.check(List.of("pay with 4111 1111 1111 1111, mail a@b.io")))
        .isInstanceOfSatisfying(Verdict.Blocked.class,
            b -> assertThat(b.entities()).containsExactlyInAnyOrder("CREDIT_CARD", "EMAIL_ADDRESS"));
    assertThat(g.check(List.of("mail a@b.io"))).isInstanceOf(Verdict.Masked.class);
  }

  @Test
  void onlyTheConfiguredEntitiesAreLookedFor() {
    SpanGuardrail emailsOnly = new SpanGuardrail(new PiiDetector(EnumSet.of(PiiDetector.Entity.EMAIL_ADDRESS)),
        Map.of(), EntityAction.MASK, e -> "<" + e + ">");
    assertThat(emailsOnly.spans("call +44 20 7946 0958, card 4111111111111111")).isEmpty();
    assertThat(emailsOnly.spans("x@example.com")).extracting(Span::entity).containsExactly("EMAIL_ADDRESS");
  }
}
