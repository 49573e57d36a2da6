package dev.tollgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code model_info.access_groups} on keys' and teams' {@code models}, over HTTP. */
class AccessGroupsTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static RunningGateway gw;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/auth/access-groups-config.yaml");
    http = new Http(gw);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void aKeyWhoseModelsNameAnAccessGroupCallsThatGroupsModelsOnly() {
    String key = key("{\"models\": [\"beta\"]}");
    assertThat(chat(key, "beta-model").status()).isEqualTo(200);
    assertThat(chat(key, "beta-wild/anything").status()).isEqualTo(200);
    Reply denied = chat(key, "public-model");
    assertThat(denied.status()).isEqualTo(401);
    assertThat(denied.error().get("type").asText()).isEqualTo("key_model_access_denied");
    assertThat(chat(key, "gamma-model").status()).isEqualTo(401);
    assertThat(listed(key)).containsExactly("beta-model");
    assertThat(http.get("/v1/models/beta-model", key).status()).isEqualTo(200);
    assertThat(http.get("/v1/models/public-model", key).status()).isEqualTo(404);
    assertThat(infoNames(key)).containsOnly("beta-model", "beta-wild/*");
  }

  @Test
  void aNameThatIsNoDeploymentsAccessGroupGrantsNothing() {
    String key = key("{\"models\": [\"delta\"]}");
    assertThat(chat(key, "beta-model").status()).isEqualTo(401);
    assertThat(listed(key)).isEmpty();
  }

  @Test
  void aKeyMayMixModelNamesAndAccessGroups() {
    String key = key("{\"models\": [\"gamma\", \"public-model\"]}");
    assertThat(chat(key, "gamma-model").status()).isEqualTo(200);
    assertThat(chat(key, "public-model").status()).isEqualTo(200);
    assertThat(chat(key, "beta-model").status()).isEqualTo(401);
    assertThat(listed(key)).containsExactlyInAnyOrder("gamma-model", "public-model");
  }

  @Test
  void aTeamWhoseModelsNameAnAccessGroupLetsItsKeysCallThoseModels() {
    Reply team = http.post("/team/new", MASTER, "{\"team_id\": \"t-beta\", \"models\": [\"beta\"]}");
    assertThat(team.status()).as(team.json().toString()).isEqualTo(200);
    String key = key("{\"team_id\": \"t-beta\"}");
    assertThat(chat(key, "beta-model").status()).isEqualTo(200);
    assertThat(chat(key, "beta-wild/x").status()).isEqualTo(200);
    Reply denied = chat(key, "public-model");
    assertThat(denied.status()).isEqualTo(401);
    assertThat(denied.error().get("type").asText()).isEqualTo("team_model_access_denied");
    assertThat(listed(key)).containsExactly("beta-model");
  }

  @Test
  void anInternalUserMayMintATeamKeyForAModelTheTeamsAccessGroupGrants() {
    assertThat(http.post("/team/new", MASTER, "{\"team_id\": \"t-mint\", \"models\": [\"beta\"]}").status())
        .isEqualTo(200);
    Reply user = http.post("/user/new", MASTER, "{\"user_id\": \"minter\", \"user_role\": \"internal_user\"}");
    assertThat(user.status()).isEqualTo(200);
    String userKey = user.json().get("key").asText();
    assertThat(http.post("/team/member_add", MASTER, "{\"team_id\": \"t-mint\", \"member\": "
        + "{\"role\": \"user\", \"user_id\": \"minter\"}}").status()).isEqualTo(200);
    Reply minted = http.post("/key/generate", userKey, "{\"team_id\": \"t-mint\", \"models\": [\"beta-model\"]}");
    assertThat(minted.status()).as(minted.json().toString()).isEqualTo(200);
    assertThat(chat(minted.json().get("key").asText(), "beta-model").status()).isEqualTo(200);
    Reply refused = http.post("/key/generate", userKey,
        "{\"team_id\": \"t-mint\", \"models\": [\"public-model\"]}");
    assertThat(refused.status()).isEqualTo(403);
  }

  @Test
  void theMasterKeySeesEveryModel() {
    assertThat(listed(MASTER)).containsExactlyInAnyOrder("beta-model", "public-model", "gamma-model");
  }

  private static String key(String body) {
    Reply r = http.post("/key/generate", MASTER, body);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json().get("key").asText();
  }

  private static Reply chat(String key, String model) {
    return http.post("/v1/chat/completions", key,
        "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
  }

  private static List<String> listed(String key) {
    Reply r = http.get("/v1/models", key);
    assertThat(r.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode m : r.json().get("data")) {
      ids.add(m.get("id").asText());
    }
    return ids;
  }

  private static List<String> infoNames(String key) {
    Reply r = http.get("/model/info", key);
    assertThat(r.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    for (JsonNode m : r.json().get("data")) {
      names.add(m.get("model_name").asText());
    }
    return names;
  }
}
