package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import org.junit.jupiter.api.Test;

/** {@code /user/*} end to end over HTTP; run per database by the subclasses. */
abstract class UserApiContract extends AdminApiContract {

  @Test
  void newUserGetsAKeyThatWorksAndBelongsToIt() {
    JsonNode user = ok("/user/new", Http.fixture("/admin/users/new-alice.json"));
    assertThat(user.get("user_id").asText()).isEqualTo("u-alice");
    assertThat(user.get("user_role").asText()).isEqualTo("internal_user");
    assertThat(user.get("max_budget").asDouble()).isEqualTo(10);
    assertThat(user.get("models").get(0).asText()).isEqualTo("gpt-fake");
    assertThat(user.get("created_at").asText()).endsWith("Z");
    String key = user.get("key").asText();
    assertThat(key).startsWith("sk-");

    JsonNode info = okGet("/key/info?key=" + key).get("info");
    assertThat(info.get("user_id").asText()).isEqualTo("u-alice");
    assertThat(info.get("models").get(0).asText()).isEqualTo("gpt-fake");
    Reply chat = http.post("/v1/chat/completions", key,
        "{\"model\": \"gpt-fake\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
    assertThat(chat.status()).as(chat.json().toString()).isEqualTo(200);
  }

  @Test
  void autoCreateKeyFalseMakesNoKeyAndAMissingIdIsGenerated() {
    JsonNode user = ok("/user/new", "{\"auto_create_key\": false, \"user_email\": \"nokey@example.com\"}");
    assertThat(user.get("key").asText()).isEmpty();
    String id = user.get("user_id").asText();
    assertThat(id).hasSize(36);
    assertThat(okGet("/user/info?user_id=" + id).get("keys")).isEmpty();
  }

  @Test
  void infoShowsTheUserItsKeysAndTeams() {
    ok("/user/new", "{\"user_id\": \"u-info\", \"auto_create_key\": false}");
    ok("/team/new", "{\"team_id\": \"t-info\", \"members_with_roles\": [{\"role\": \"user\", \"user_id\": \"u-info\"}]}");
    ok("/key/generate", "{\"user_id\": \"u-info\", \"key_alias\": \"info-key\"}");
    JsonNode info = okGet("/user/info?user_id=u-info");
    assertThat(info.get("user_id").asText()).isEqualTo("u-info");
    assertThat(info.get("user_info").get("teams").get(0).asText()).isEqualTo("t-info");
    assertThat(info.get("keys")).hasSize(1);
    assertThat(info.get("keys").get(0).get("key_alias").asText()).isEqualTo("info-key");
    assertThat(info.get("teams").get(0).get("team_id").asText()).isEqualTo("t-info");
    error(http.get("/user/info?user_id=nobody", MASTER), 404, "User nobody not found");
  }

  @Test
  void updateChangesFieldsAndRoleAndChecksThem() {
    ok("/user/new", "{\"user_id\": \"u-upd\", \"user_email\": \"upd@example.com\", \"auto_create_key\": false}");
    JsonNode updated = ok("/user/update", "{\"user_id\": \"u-upd\", \"max_budget\": 3.5, \"user_role\": "
        + "\"proxy_admin_viewer\", \"metadata\": {\"team\": \"x\"}}");
    assertThat(updated.get("user_id").asText()).isEqualTo("u-upd");
    assertThat(updated.get("data").get("max_budget").asDouble()).isEqualTo(3.5);
    assertThat(updated.get("data").get("user_role").asText()).isEqualTo("proxy_admin_viewer");
    JsonNode byEmail = ok("/user/update", "{\"user_email\": \"upd@example.com\", \"user_alias\": \"Upd\"}");
    assertThat(byEmail.get("data").get("user_alias").asText()).isEqualTo("Upd");
    assertThat(byEmail.get("data").get("max_budget").asDouble()).isEqualTo(3.5);
    error(http.post("/user/update", MASTER, "{\"user_id\": \"u-upd\", \"user_role\": \"god\"}"), 400,
        "Invalid user_role");
    error(http.post("/user/update", MASTER, "{\"user_id\": \"ghost\", \"max_budget\": 1}"), 404, "not found");
  }

  @Test
  void deleteRemovesTheUserAndItsKeys() {
    String key = ok("/user/new", "{\"user_id\": \"u-del\"}").get("key").asText();
    assertThat(okGet("/key/info?key=" + key).get("info").get("user_id").asText()).isEqualTo("u-del");
    JsonNode deleted = ok("/user/delete", "{\"user_ids\": [\"u-del\"]}");
    assertThat(deleted.get("deleted_users").get(0).asText()).isEqualTo("u-del");
    assertThat(http.get("/user/info?user_id=u-del", MASTER).status()).isEqualTo(404);
    assertThat(http.get("/key/info?key=" + key, MASTER).status()).isEqualTo(404);
    Reply chat = http.post("/v1/chat/completions", key,
        "{\"model\": \"gpt-fake\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
    assertThat(chat.status()).isEqualTo(401);
    error(http.post("/user/delete", MASTER, "{\"user_ids\": [\"u-del\"]}"), 404, "not found");
  }

  @Test
  void listPagesAndFiltersByRole() {
    for (int i = 0; i < 3; i++) {
      ok("/user/new", "{\"user_id\": \"u-viewer-" + i + "\", \"user_role\": \"internal_user_viewer\", "
          + "\"auto_create_key\": false}");
    }
    JsonNode page = okGet("/user/list?role=internal_user_viewer&page_size=2");
    assertThat(page.get("total").asInt()).isEqualTo(3);
    assertThat(page.get("users")).hasSize(2);
    assertThat(page.get("total_pages").asInt()).isEqualTo(2);
    assertThat(okGet("/user/list?role=internal_user_viewer&page_size=2&page=2").get("users")).hasSize(1);
    assertThat(okGet("/user/list?user_ids=u-viewer-0,u-viewer-2").get("total").asInt()).isEqualTo(2);
    error(http.get("/user/list?role=king", MASTER), 400, "Invalid role");
  }

  @Test
  void listFindsPartOfAnEmailOrOfOneIdInAnyCase() {
    ok("/user/new", "{\"user_id\": \"u-Find-Me\", \"user_email\": \"Ann.Lee@Example.com\", "
        + "\"auto_create_key\": false}");
    ok("/user/new", "{\"user_id\": \"u-other\", \"user_email\": \"bob_lee@example.org\", "
        + "\"auto_create_key\": false}");
    assertThat(ids(okGet("/user/list?user_email=ann.lee@example.COM"))).containsExactly("u-Find-Me");
    assertThat(ids(okGet("/user/list?user_email=LEE"))).containsExactlyInAnyOrder("u-Find-Me", "u-other");
    assertThat(ids(okGet("/user/list?user_email=example.org"))).containsExactly("u-other");
    assertThat(ids(okGet("/user/list?user_email=%25"))).isEmpty(); // % and _ are text, not wildcards
    assertThat(ids(okGet("/user/list?user_email=ann_lee"))).isEmpty();
    assertThat(ids(okGet("/user/list?user_email=bob_lee"))).containsExactly("u-other");
    assertThat(ids(okGet("/user/list?user_ids=find-me"))).containsExactly("u-Find-Me");
    assertThat(ids(okGet("/user/list?user_ids=u-find-me,u-other"))).containsExactly("u-other"); // a list: exact ids
  }

  private static java.util.List<String> ids(JsonNode page) {
    java.util.List<String> out = new java.util.ArrayList<>();
    page.get("users").forEach(u -> out.add(u.get("user_id").asText()));
    return out;
  }

  @Test
  void aTakenIdOrEmailIs400() {
    ok("/user/new", "{\"user_id\": \"u-dup\", \"user_email\": \"dup@example.com\", \"auto_create_key\": false}");
    error(http.post("/user/new", MASTER, "{\"user_id\": \"u-dup\"}"), 400, "already exists");
    error(http.post("/user/new", MASTER, "{\"user_email\": \"dup@example.com\"}"), 400, "already exists");
  }

  @Test
  void changesAreAuditedWithWhoMadeThem() throws Exception {
    ok("/user/new", "{\"user_id\": \"u-audit\", \"auto_create_key\": false}");
    var r = http.send("POST", "/user/update", MASTER, "{\"user_id\": \"u-audit\", \"max_budget\": 2}");
    assertThat(r.status()).isEqualTo(200);
    java.util.List<String> rows = gw.controlPlane().database().inline(c -> {
      java.util.List<String> out = new java.util.ArrayList<>();
      try (var s = c.prepareStatement("SELECT action, changed_by, updated_values FROM tg_audit_log "
          + "WHERE table_name = 'tg_users' AND object_id = 'u-audit' ORDER BY changed_at, action")) {
        try (var q = s.executeQuery()) {
          while (q.next()) {
            out.add(q.getString(1) + " by " + q.getString(2) + ": " + q.getString(3));
          }
        }
      }
      return out;
    });
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).startsWith("created by litellm_proxy_master_key");
    assertThat(rows.get(1)).startsWith("updated by litellm_proxy_master_key").contains("\"max_budget\":2");
  }
}
