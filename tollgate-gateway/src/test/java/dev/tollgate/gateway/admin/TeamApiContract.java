package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import org.junit.jupiter.api.Test;

/** {@code /team/*} end to end over HTTP; run per database by the subclasses. */
abstract class TeamApiContract extends AdminApiContract {

  @Test
  void newTeamWithMembersShowsThemAndItsKeysInInfo() {
    ok("/user/new", "{\"user_id\": \"t-lead\", \"auto_create_key\": false}");
    JsonNode team = ok("/team/new", Http.fixture("/admin/teams/new-core.json"));
    assertThat(team.get("team_id").asText()).isEqualTo("t-core");
    assertThat(team.get("max_budget").asDouble()).isEqualTo(50);
    assertThat(team.get("blocked").asBoolean()).isFalse();
    JsonNode members = team.get("members_with_roles");
    assertThat(members).hasSize(2);
    assertThat(members.get(0).get("role").asText()).isEqualTo("admin");
    assertThat(members.get(0).get("user_id").asText()).isEqualTo("t-lead");
    assertThat(members.get(1).get("user_email").asText()).isEqualTo("new-member@example.com");
    String newMember = members.get(1).get("user_id").asText();
    assertThat(okGet("/user/info?user_id=" + newMember).get("user_info").get("user_role").asText())
        .isEqualTo("internal_user");

    ok("/key/generate", "{\"team_id\": \"t-core\", \"key_alias\": \"core-key\"}");
    JsonNode info = okGet("/team/info?team_id=t-core");
    assertThat(info.get("team_id").asText()).isEqualTo("t-core");
    assertThat(info.get("team_info").get("team_alias").asText()).isEqualTo("Core");
    assertThat(info.get("team_info").get("members_with_roles")).hasSize(2);
    assertThat(info.get("team_info").get("spend").asDouble()).isZero();
    assertThat(info.get("keys")).hasSize(1);
    assertThat(info.get("keys").get(0).get("key_alias").asText()).isEqualTo("core-key");
    assertThat(info.get("team_memberships")).hasSize(2);
    error(http.get("/team/info?team_id=nope", MASTER), 404, "Team not found");
    error(http.get("/team/info", MASTER), 400, "team_id");
  }

  @Test
  void membersAreAddedChangedAndRemoved() {
    ok("/team/new", "{\"team_id\": \"t-mem\"}");
    JsonNode added = ok("/team/member_add", "{\"team_id\": \"t-mem\", \"member\": [{\"role\": \"user\", "
        + "\"user_id\": \"m-1\"}, {\"role\": \"admin\", \"user_id\": \"m-2\"}]}");
    assertThat(added.get("members_with_roles")).hasSize(2);
    assertThat(added.get("updated_users")).hasSize(2);
    assertThat(okGet("/user/info?user_id=m-1").get("user_info").get("teams").get(0).asText()).isEqualTo("t-mem");

    JsonNode changed = ok("/team/member_update", "{\"team_id\": \"t-mem\", \"user_id\": \"m-1\", \"role\": "
        + "\"admin\"}");
    assertThat(changed.get("role").asText()).isEqualTo("admin");
    JsonNode removed = ok("/team/member_delete", "{\"team_id\": \"t-mem\", \"user_id\": \"m-2\"}");
    assertThat(removed.get("members_with_roles")).hasSize(1);
    assertThat(removed.get("members_with_roles").get(0).get("role").asText()).isEqualTo("admin");
    assertThat(okGet("/user/info?user_id=m-2").get("user_info").get("teams")).isEmpty();
    error(http.post("/team/member_delete", MASTER, "{\"team_id\": \"t-mem\", \"user_id\": \"m-2\"}"), 404,
        "not a member");
    error(http.post("/team/member_add", MASTER, "{\"team_id\": \"t-mem\", \"member\": {\"role\": \"owner\", "
        + "\"user_id\": \"m-3\"}}"), 400, "'admin' or 'user'");
    error(http.post("/team/member_add", MASTER, "{\"team_id\": \"ghost\", \"member\": {\"user_id\": \"m-3\"}}"),
        404, "Team not found");
  }

  @Test
  void updateBlockUnblockAndList() {
    ok("/team/new", "{\"team_id\": \"t-upd\", \"team_alias\": \"Before\", \"members_with_roles\": "
        + "[{\"role\": \"user\", \"user_id\": \"lister-1\"}]}");
    ok("/team/new", "{\"team_id\": \"t-other\"}");
    JsonNode updated = ok("/team/update", "{\"team_id\": \"t-upd\", \"team_alias\": \"After\", \"rpm_limit\": 7}");
    assertThat(updated.get("data").get("team_alias").asText()).isEqualTo("After");
    assertThat(updated.get("data").get("rpm_limit").asInt()).isEqualTo(7);
    assertThat(ok("/team/block", "{\"team_id\": \"t-upd\"}").get("blocked").asBoolean()).isTrue();
    assertThat(ok("/team/unblock", "{\"team_id\": \"t-upd\"}").get("blocked").asBoolean()).isFalse();
    JsonNode mine = okGet("/team/list?user_id=lister-1");
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).get("team_id").asText()).isEqualTo("t-upd");
    assertThat(okGet("/team/list").size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void deleteRemovesTheTeamItsMembershipsAndKeys() {
    ok("/team/new", "{\"team_id\": \"t-del\", \"members_with_roles\": [{\"role\": \"user\", \"user_id\": "
        + "\"del-member\"}]}");
    String key = ok("/key/generate", "{\"team_id\": \"t-del\"}").get("key").asText();
    JsonNode deleted = ok("/team/delete", "{\"team_ids\": [\"t-del\"]}");
    assertThat(deleted.get("deleted_teams").get(0).asText()).isEqualTo("t-del");
    assertThat(http.get("/team/info?team_id=t-del", MASTER).status()).isEqualTo(404);
    assertThat(http.get("/key/info?key=" + key, MASTER).status()).isEqualTo(404);
    assertThat(okGet("/user/info?user_id=del-member").get("user_info").get("teams")).isEmpty();
  }

  @Test
  void aTakenTeamIdIs400() {
    ok("/team/new", "{\"team_id\": \"t-dup\"}");
    Reply again = http.post("/team/new", MASTER, "{\"team_id\": \"t-dup\"}");
    error(again, 400, "Team id = t-dup already exists");
    assertThat(again.error().get("param").asText()).isEqualTo("team_id");
  }

  @Test
  void aBlockedTeamsKeysAreRefusedUntilUnblocked() {
    ok("/team/new", "{\"team_id\": \"t-blk\"}");
    String key = ok("/key/generate", "{\"team_id\": \"t-blk\"}").get("key").asText();
    assertThat(chat(key).status()).isEqualTo(200);
    ok("/team/block", "{\"team_id\": \"t-blk\"}");
    Reply refused = chat(key);
    error(refused, 401, "Team=t-blk is blocked");
    assertThat(refused.error().get("type").asText()).isEqualTo("auth_error");
    ok("/team/unblock", "{\"team_id\": \"t-blk\"}");
    assertThat(chat(key).status()).isEqualTo(200);
    ok("/team/update", "{\"team_id\": \"t-blk\", \"blocked\": true}");
    assertThat(chat(key).status()).isEqualTo(401);
  }

  private Reply chat(String key) {
    return http.post("/v1/chat/completions", key,
        "{\"model\": \"gpt-fake\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
  }
}
