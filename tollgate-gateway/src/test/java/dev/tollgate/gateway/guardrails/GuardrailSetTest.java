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

  @Test
  void storedGuardrailsFollowTheConfigOnesAndCarryTheirOrigin() {
    GuardrailOrigin origin = new GuardrailOrigin("id-1", 10, 20);
    GuardrailSet both = set.withStored(List.of(g("stored-on", true), g("stored", false)),
        java.util.Map.of("stored-on", origin, "stored", new GuardrailOrigin("id-2", 11, 11)));
    assertThat(names(both.all())).containsExactly("global", "a", "b", "stored-on", "stored");
    assertThat(names(both.configured())).containsExactly("global", "a", "b");
    assertThat(both.origin("stored-on")).isEqualTo(origin);
    assertThat(both.origin("a")).isNull();
    assertThat(names(both.active(json("{\"guardrails\": [\"stored\", \"a\"]}"), null, null)))
        .containsExactly("global", "a", "stored-on", "stored");
    GuardrailSet replaced = both.withStored(List.of(), java.util.Map.of());
    assertThat(names(replaced.all())).containsExactly("global", "a", "b");
    assertThat(replaced.origin("stored-on")).isNull();
    GuardrailSet team = both.forTeam(new TeamGuardrails(List.of("stored"), null));
    assertThat(team.origin("stored-on")).isEqualTo(origin);
    assertThat(names(team.configured())).containsExactly("global", "a", "b");
  }
}
