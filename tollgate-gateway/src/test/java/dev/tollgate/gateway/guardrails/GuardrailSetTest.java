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

  @Test
  void aTeamAddsItsGuardrailsForItsKeysOnly() {
    GuardrailSet team = set.forTeam(new TeamGuardrails(List.of("b"), null));
    assertThat(names(team.active(json("{}"), null, null))).containsExactly("global", "b");
    assertThat(names(team.active(json("{}"), null, key("{\"guardrails\": [\"a\"]}"))))
        .containsExactly("global", "a", "b");
    assertThat(names(set.active(json("{}"), null, null))).as("the snapshot's set is unchanged")
        .containsExactly("global");
    assertThat(set.forTeam(TeamGuardrails.NONE)).isSameAs(set);
    assertThat(team.named("a")).isNotNull();
  }

  @Test
  void aTeamMayDisableTheGlobalGuardrailsAndAKeysOwnSettingWins() {
    GuardrailSet noGlobal = set.forTeam(new TeamGuardrails(List.of(), true));
    assertThat(names(noGlobal.active(json("{}"), null, null))).isEmpty();
    assertThat(names(noGlobal.active(json("{\"guardrails\": [\"a\"]}"), null, null))).containsExactly("a");
    assertThat(names(noGlobal.active(json("{}"), null, key("{\"disable_global_guardrails\": false}"))))
        .containsExactly("global");
    GuardrailSet global = set.forTeam(new TeamGuardrails(List.of(), false));
    assertThat(names(global.active(json("{}"), null, key("{\"disable_global_guardrails\": true}")))).isEmpty();
  }
}
