package dev.tollgate.gateway.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardrailSetTest {
  private static ConfiguredGuardrail g(String name, boolean defaultOn) {
    return new ConfiguredGuardrail(name, "tollgate/pii", Set.of(GuardrailMode.PRE_CALL), defaultOn, null,
        Json.object(), texts -> Verdict.PASS);
  }

  private final GuardrailSet set = new GuardrailSet(List.of(g("global", true), g("a", false), g("b", false)));

  private static List<String> names(List<ConfiguredGuardrail> gs) {
    return gs.stream().map(ConfiguredGuardrail::name).toList();
  }

  private static JsonNode json(String s) {
    return Json.tree(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static VirtualKey key(String metadata) {
    VirtualKey.Builder b = new VirtualKey.Builder();
    b.token = "hash";
    b.metadata = (com.fasterxml.jackson.databind.node.ObjectNode) json(metadata);
    return b.build();
  }

  @Test
  void defaultOnAlwaysRunsAndNamedOnesJoinInConfigOrder() {
    assertThat(names(set.active(json("{}"), null, null))).containsExactly("global");
    assertThat(names(set.active(json("{\"guardrails\": [\"b\", \"a\", \"unknown\"]}"), null, null)))
        .containsExactly("global", "a", "b");
    assertThat(names(set.active(json("{}"), json("{\"guardrails\": [\"b\"]}"), null)))
        .containsExactly("global", "b");
  }

  @Test
  void aKeyAddsItsGuardrailsAndMayDisableTheGlobalOnes() {
    assertThat(names(set.active(json("{}"), null, key("{\"guardrails\": [\"a\"]}")))).containsExactly("global", "a");
    assertThat(names(set.active(json("{}"), null, key("{\"disable_global_guardrails\": true}")))).isEmpty();
    assertThat(names(set.active(json("{\"guardrails\": [\"b\"]}"), null,
        key("{\"disable_global_guardrails\": true}")))).containsExactly("b");
  }
}
