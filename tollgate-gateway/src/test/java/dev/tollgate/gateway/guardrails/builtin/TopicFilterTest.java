package dev.tollgate.gateway.guardrails.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.guardrails.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicFilterTest {
  private final TopicFilter filter = new TopicFilter(
      Map.of("billing", List.of("invoice", "refund", "payment"), "shipping", List.of("delivery", "parcel")),
      Map.of("weapons", List.of("explosive", "bomb")));

  @Test
  void passesWhenAnAllowedTopicAppearsInAnyText() {
    assertThat(filter.check(List.of("You are a support bot.", "Where is my Parcel?"))).isEqualTo(Verdict.PASS);
  }

  @Test
  void blocksWhenNoAllowedTopicAppears() {
    assertThat(filter.check(List.of("Write me a poem about the sea.")))
        .isEqualTo(new Verdict.Blocked(List.of("TOPIC_NOT_ALLOWED")));
  }

  @Test
  void aDeniedTopicBlocksEvenWithAnAllowedOne() {
    assertThat(filter.check(List.of("refund for the bomb I bought")))
        .isEqualTo(new Verdict.Blocked(List.of("DENIED_TOPIC:weapons")));
  }

  @Test
  void keywordsMatchWholeWordsOnly() {
    assertThat(new TopicFilter(Map.of(), Map.of("weapons", List.of("bomb"))).check(List.of("a bombastic speech")))
        .isEqualTo(Verdict.PASS);
  }
}
