package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Roles on the management API, end to end: what internal users, team admins and the viewer roles may do with their
 * own keys, and the escalations they must not manage. Run per database by the subclasses.
 *
 * <p>Fixture: team {@code t-a} (models gpt-fake, max_budget 10) with alice (user) and lead (admin); team {@code t-b}
 * (models embed-fake) with bob; viewer (proxy_admin_viewer) and reader (internal_user_viewer) in no team.
 */
abstract class RoleContract extends AdminApiContract {
  String alice;
  String bob;
  String lead;
  String viewer;
  String reader;

  @BeforeAll
  void people() {
    ok("/team/new", "{\"team_id\": \"t-a\", \"models\": [\"gpt-fake\"], \"max_budget\": 10, \"rpm_limit\": 100}");
    ok("/team/new", "{\"team_id\": \"t-b\", \"models\": [\"embed-fake\"]}");
    alice = user("alice", "internal_user", ", \"max_budget\": 5");
    bob = user("bob", "internal_user", "");
    lead = user("lead", "internal_user", "");
    viewer = user("viewer", "proxy_admin_viewer", "");
    reader = user("reader", "internal_user_viewer", "");
    ok("/team/member_add", "{\"team_id\": \"t-a\", \"member\": [{\"role\": \"user\", \"user_id\": \"alice\"}, "
        + "{\"role\": \"admin\", \"user_id\": \"lead\"}]}");
    ok("/team/member_add", "{\"team_id\": \"t-b\", \"member\": {\"role\": \"user\", \"user_id\": \"bob\"}}");
  }

  private String user(String id, String role, String extra) {
    return ok("/user/new", "{\"user_id\": \"" + id + "\", \"user_role\": \"" + role + "\"" + extra + "}")
        .get("key").asText();
  }

  @Test
  void anInternalUserManagesItsOwnKeysWithinItsTeam() {
    JsonNode key = ok("/key/generate", alice, "{\"team_id\": \"t-a\", \"key_alias\": \"alice-team\"}");
    assertThat(key.get("user_id").asText()).isEqualTo("alice");
    assertThat(key.get("created_by").asText()).isEqualTo("alice");
    assertThat(key.get("models").toString()).isEqualTo("[\"gpt-fake\"]"); // the team's models, not "all"
    assertThat(key.get("max_budget").asDouble()).isEqualTo(5); // the smaller of team (10) and user (5)
    String token = key.get("token").asText();
    assertThat(okGet("/key/info?key=" + token, alice).get("info").get("key_alias").asText()).isEqualTo("alice-team");
    JsonNode mine = okGet("/key/list?return_full_object=true", alice);
    assertThat(mine.get("keys").findValuesAsText("user_id")).containsOnly("alice");
    assertThat(ok("/key/update", alice, "{\"key\": \"" + token + "\", \"max_budget\": 1}").get("max_budget")
        .asDouble()).isEqualTo(1);
    assertThat(ok("/key/delete", alice, "{\"keys\": [\"" + token + "\"]}").get("deleted_keys")).hasSize(1);
    String audit = gw.controlPlane().database().inline(c -> {
      StringBuilder out = new StringBuilder();
      try (var q = c.prepareStatement("SELECT action, changed_by FROM tg_audit_log WHERE table_name = 'tg_keys' "
          + "AND object_id = ? ORDER BY changed_at, action")) {
        q.setString(1, token);
        try (var r = q.executeQuery()) {
          while (r.next()) {
            out.append(r.getString(1)).append(" by ").append(r.getString(2)).append("; ");
          }
        }
      }
      return out.toString();
    });
    assertThat(audit).contains("created by alice").contains("updated by alice").contains("deleted by alice");
    assertThat(okGet("/user/info", alice).get("user_id").asText()).isEqualTo("alice");
    assertThat(okGet("/team/info?team_id=t-a", alice).get("team_id").asText()).isEqualTo("t-a");
  }

  @Test
  void anInternalUserCannotRaiseItsOwnBudget() {
    error(http.post("/user/update", alice, "{\"user_id\": \"alice\", \"max_budget\": 1000}"), 403,
        "Only proxy admin");
    assertThat(okGet("/user/info?user_id=alice").get("user_info").get("max_budget").asDouble()).isEqualTo(5);
    error(http.post("/key/generate", alice, "{\"max_budget\": 50}"), 403, "above what you may grant");
    String token = ok("/key/generate", alice, "{\"max_budget\": 2}").get("token").asText();
    error(http.post("/key/update", alice, "{\"key\": \"" + token + "\", \"max_budget\": 4}"), 403,
        "cannot raise this key's max_budget");
    error(http.post("/key/update", alice, "{\"key\": \"" + token + "\", \"max_budget\": null}"), 403,
        "cannot remove");
    error(http.post("/key/update", alice, "{\"key\": \"" + token + "\", \"spend\": 0}"), 403, "Only proxy admins");
    error(http.post("/key/generate", alice, "{\"team_id\": \"t-a\", \"rpm_limit\": 1000}"), 403,
        "above what you may grant");
    assertThat(okGet("/key/info?key=" + token).get("info").get("max_budget").asDouble()).isEqualTo(2);
  }

  @Test
  void anInternalUserCannotReadAnotherTeamsKeysOrUsers() {
    String bobsTeamKey = ok("/key/generate", "{\"team_id\": \"t-b\", \"user_id\": \"bob\"}").get("token").asText();
    error(http.get("/key/info?key=" + bobsTeamKey, alice), 403, "You may not see this key");
    error(http.get("/team/info?team_id=t-b", alice), 403, "not a member of team_id=t-b");
    error(http.get("/key/list?user_id=bob", alice), 403, "only list your own keys");
    assertThat(okGet("/key/list?team_id=t-b", alice).get("total_count").asInt()).isZero();
    error(http.post("/key/delete", alice, "{\"keys\": [\"" + bobsTeamKey + "\"]}"), 403, "You may not change");
    error(http.post("/key/update", alice, "{\"key\": \"" + bobsTeamKey + "\", \"models\": []}"), 403,
        "You may not change");
    error(http.get("/user/info?user_id=bob", alice), 403, "may only see its own user");
    error(http.get("/team/list?user_id=bob", alice), 403, "Only admin users");
    assertThat(okGet("/team/list", alice).findValuesAsText("team_id")).containsExactly("t-a");
    assertThat(http.get("/user/list", alice).status()).isEqualTo(403);
    assertThat(okGet("/key/info?key=" + bobsTeamKey).get("info").get("team_id").asText()).isEqualTo("t-b");
  }

  @Test
  void anInternalUserCannotMintAKeyWithModelsItsTeamLacksOrForAnotherTeamOrUser() {
    Reply r = http.post("/key/generate", alice, "{\"team_id\": \"t-a\", \"models\": [\"embed-fake\"]}");
    error(r, 403, "not allowed: team_id=t-a can only use models=[gpt-fake]");
    assertThat(r.error().get("type").asText()).isEqualTo("team_model_access_denied");
    error(http.post("/key/generate", alice, "{\"team_id\": \"t-b\"}"), 403, "not a member of team_id=t-b");
    error(http.post("/key/generate", alice, "{\"user_id\": \"bob\"}"), 403, "only create keys for yourself");
    String k = ok("/key/generate", alice, "{\"team_id\": \"t-a\"}").get("token").asText();
    error(http.post("/key/update", alice, "{\"key\": \"" + k + "\", \"models\": [\"gpt-fake\", \"embed-fake\"]}"),
        403, "not allowed");
    error(http.post("/key/update", alice, "{\"key\": \"" + k + "\", \"team_id\": \"t-b\"}"), 403,
        "not a member of team_id=t-b");
  }

  @Test
  void anInternalUserCannotMakeItselfAdmin() {
    error(http.post("/user/update", alice, "{\"user_id\": \"alice\", \"user_role\": \"proxy_admin\"}"), 403,
        "Your role=internal_user");
    error(http.post("/user/new", alice, "{\"user_id\": \"alice2\", \"user_role\": \"proxy_admin\"}"), 403,
        "Only proxy admin");
    error(http.post("/team/new", alice, "{\"team_id\": \"mine\"}"), 403, "Only proxy admin");
    error(http.post("/team/member_update", alice, "{\"team_id\": \"t-a\", \"user_id\": \"alice\", \"role\": "
        + "\"admin\"}"), 403, "not an admin of team_id=t-a");
    error(http.post("/key/block", alice, "{\"key\": \"" + bob + "\"}"), 403, "Only proxy admin");
    assertThat(okGet("/user/info?user_id=alice").get("user_info").get("user_role").asText())
        .isEqualTo("internal_user");
    assertThat(okGet("/team/info?team_id=t-a").get("team_memberships").findValuesAsText("role"))
        .containsExactly("user", "admin");
  }

  @Test
  void theViewerRolesReadButNeverWrite() {
    assertThat(okGet("/key/list", viewer).get("total_count").asInt()).isPositive();
    assertThat(okGet("/user/list", viewer).get("total").asInt()).isPositive();
    okGet("/team/info?team_id=t-b", viewer);
    okGet("/budget/list", viewer);
    okGet("/spend/logs", viewer);
    error(http.get("/spend/logs", alice), 403, "Your role=internal_user");
    for (String[] call : new String[][] {{"/key/generate", "{}"}, {"/user/new", "{}"},
        {"/team/member_add", "{\"team_id\": \"t-a\", \"member\": {\"user_id\": \"x\"}}"},
        {"/budget/new", "{}"}, {"/customer/new", "{\"user_id\": \"c\"}"}}) {
      error(http.post(call[0], viewer, call[1]), 403, "Your role=proxy_admin_viewer");
    }
    String own = ok("/key/generate", "{\"user_id\": \"reader\", \"key_alias\": \"reader-own\"}").get("token")
        .asText();
    assertThat(okGet("/key/info?key=" + own, reader).get("info").get("key_alias").asText()).isEqualTo("reader-own");
    assertThat(okGet("/key/list", reader).get("total_count").asInt()).isEqualTo(2); // its /user/new key and this
    error(http.post("/key/generate", reader, "{}"), 403, "Your role=internal_user_viewer");
    error(http.post("/key/delete", reader, "{\"keys\": [\"" + own + "\"]}"), 403, "internal_user_viewer");
    assertThat(http.get("/user/list", reader).status()).isEqualTo(403);
  }

  @Test
  void aTeamAdminManagesItsTeamsKeysAndMembersOnly() {
    JsonNode forAlice = ok("/key/generate", lead, "{\"team_id\": \"t-a\", \"user_id\": \"alice\"}");
    assertThat(forAlice.get("user_id").asText()).isEqualTo("alice");
    okGet("/key/info?key=" + forAlice.get("token").asText(), lead);
    assertThat(okGet("/key/list?team_id=t-a", lead).get("total_count").asInt()).isPositive();
    ok("/team/member_add", lead, "{\"team_id\": \"t-a\", \"member\": {\"role\": \"user\", \"user_id\": \"newbie\"}}");
    ok("/team/member_delete", lead, "{\"team_id\": \"t-a\", \"user_id\": \"newbie\"}");
    error(http.post("/team/member_add", lead, "{\"team_id\": \"t-b\", \"member\": {\"user_id\": \"lead\"}}"), 403,
        "not an admin of team_id=t-b");
    error(http.post("/key/generate", lead, "{\"user_id\": \"bob\"}"), 403, "only create keys for yourself");
    assertThat(okGet("/user/info?user_id=alice", lead).get("user_id").asText()).isEqualTo("alice");
    error(http.get("/user/info?user_id=bob", lead), 403, "members of a team it is an admin of");
  }

  @Test
  void aRoleChangeAppliesAtOnceAndRolesComeFromTheCache() {
    String carol = user("carol", "internal_user", "");
    assertThat(http.get("/user/list", carol).status()).isEqualTo(403);
    long loads = gw.controlPlane().userCache().loads();
    for (int i = 0; i < 5; i++) {
      okGet("/key/list", carol);
    }
    assertThat(gw.controlPlane().userCache().loads()).isEqualTo(loads);
    ok("/user/update", "{\"user_id\": \"carol\", \"user_role\": \"proxy_admin_viewer\"}");
    okGet("/user/list", carol);
    ok("/user/update", "{\"user_id\": \"carol\", \"user_role\": \"proxy_admin\"}");
    JsonNode made = ok("/user/new", carol, "{\"user_id\": \"made-by-carol\", \"auto_create_key\": false}");
    assertThat(made.get("user_id").asText()).isEqualTo("made-by-carol");
    ok("/user/update", "{\"user_id\": \"carol\", \"user_role\": \"internal_user\"}");
    assertThat(http.get("/user/list", carol).status()).isEqualTo(403);
  }

  @Test
  void aKeyWithoutAUserOnlySeesItself() {
    JsonNode loose = ok("/key/generate", "{}");
    String key = loose.get("key").asText();
    okGet("/key/info?key=" + key, key);
    error(http.post("/key/generate", key, "{}"), 403, "has no user_id");
    error(http.get("/key/list", key), 403, "only list your own keys");
    error(http.get("/key/info?key=" + bob, key), 403, "You may not see this key");
  }

  @Test
  void aKeyNamingAUserThatDoesNotExistOwnsNothing() {
    String key = ok("/key/generate", "{\"user_id\": \"ghost\", \"max_budget\": 1}").get("key").asText();
    okGet("/key/info?key=" + key, key);
    error(http.post("/key/generate", key, "{\"user_id\": \"ghost\"}"), 403, "has no user_id");
    error(http.get("/user/info?user_id=ghost", key), 403, "may only see its own user");
  }
}
