package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.gateway.auth.UserAccess;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules for what a non-admin may put on a key, without a server. */
class KeyGrantsTest {
  private static final Principal ALICE = new Principal(Role.INTERNAL_USER, "alice", new UserAccess("alice",
      Role.INTERNAL_USER, List.of(), 5.0, null, 20L, Map.of("t-a", "user")));
  private static final Principal ADMIN = Principal.MASTER;

  private static VirtualKey key(String teamId, List<String> models, Double maxBudget, Long rpm) {
    VirtualKey.Builder b = new VirtualKey.Builder();
    b.token = "t";
    b.userId = "alice";
    b.teamId = teamId;
    b.models = models;
    b.maxBudget = maxBudget;
    b.rpmLimit = rpm;
    return b.build();
  }

  private static ObjectNode team(double maxBudget, String... models) {
    ObjectNode t = Json.object();
    t.put("team_id", "t-a");
    t.put("max_budget", maxBudget);
    t.set("models", Json.MAPPER.valueToTree(List.of(models)));
    return t;
  }

  @Test
  void adminsAreNotRestricted() {
    VirtualKey wanted = key(null, List.of(), 1000.0, null);
    assertThat(KeyGrants.restrict(ADMIN, null, wanted, null)).isSameAs(wanted);
  }

  @Test
  void aNewKeyGetsTheTeamsModelsAndTheSmallestCaps() {
    VirtualKey k = KeyGrants.restrict(ALICE, null, key("t-a", List.of(), null, null), team(10, "m1", "m2"));
    assertThat(k.models()).containsExactly("m1", "m2");
    assertThat(k.maxBudget()).isEqualTo(5.0);
    assertThat(k.rpmLimit()).isEqualTo(20L);
  }

  @Test
  void aTeamListingAllProxyModelsAllowsAnyModel() {
    VirtualKey k = KeyGrants.restrict(ALICE, null, key("t-a", List.of("x"), 1.0, 1L),
        team(10, "all-proxy-models"));
    assertThat(k.models()).containsExactly("x");
  }

  @Test
  void unchangedFieldsOfAnExistingKeyAreLeftAlone() {
    VirtualKey before = key(null, List.of("legacy"), 50.0, 100L); // set by an admin above alice's caps
    VirtualKey k = KeyGrants.restrict(ALICE, before, before, null);
    assertThat(k.maxBudget()).isEqualTo(50.0);
    assertThat(k.rpmLimit()).isEqualTo(100L);
    assertThat(k.models()).containsExactly("legacy");
  }

  @Test
  void lowerIsAllowedHigherAndRemovedAreNot() {
    VirtualKey before = key(null, List.of(), 4.0, null);
    assertThat(KeyGrants.restrict(ALICE, before, key(null, List.of(), 3.0, null), null).maxBudget()).isEqualTo(3.0);
    assertThatThrownBy(() -> KeyGrants.restrict(ALICE, before, key(null, List.of(), 4.5, null), null))
        .isInstanceOf(ApiError.class).hasMessageContaining("cannot raise");
    assertThatThrownBy(() -> KeyGrants.restrict(ALICE, before, key(null, List.of(), null, null), null))
        .isInstanceOf(ApiError.class).hasMessageContaining("cannot remove");
  }

  @Test
  void aKeyWithAModelListCannotBeWidened() {
    VirtualKey before = key(null, List.of("m1"), 1.0, null);
    assertThat(KeyGrants.restrict(ALICE, before, key(null, List.of(), 1.0, null), null).models())
        .containsExactly("m1");
    assertThatThrownBy(() -> KeyGrants.restrict(ALICE, before, key(null, List.of("m1", "m2"), 1.0, null), null))
        .isInstanceOf(ApiError.class).hasMessageContaining("can only use models=[m1]");
  }

  @Test
  void anotherUsersKeyOrAForeignTeamIsRefused() {
    VirtualKey.Builder forBob = key(null, List.of(), 1.0, null).toBuilder();
    forBob.userId = "bob";
    assertThatThrownBy(() -> KeyGrants.restrict(ALICE, null, forBob.build(), null))
        .hasMessageContaining("only create keys for yourself");
    assertThatThrownBy(() -> KeyGrants.restrict(ALICE, null, key("t-b", List.of(), 1.0, null), null))
        .hasMessageContaining("not a member of team_id=t-b");
  }
}
