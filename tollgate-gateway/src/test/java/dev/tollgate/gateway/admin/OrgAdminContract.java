package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code org_admin} scope end to end: an org admin (an {@code org_admin} member of an organization) manages the
 * teams of its organization, their members and keys, reads its organization, and cannot reach another organization,
 * grant proxy_admin, or give a team more than its organization has. Run per database by the subclasses.
 *
 * <p>Fixture: organization {@code o-1} (models gpt-fake, max_budget 20) with oa (org_admin) and om
 * (internal_user); organization {@code o-2} with team {@code t-o2} (carol, with a key); team {@code t-o1} in o-1.
 */
abstract class OrgAdminContract extends AdminApiContract {
  String oa;
  String om;
  String carolsKey;

  @BeforeAll
  void organizations() {
    ok("/organization/new", "{\"organization_id\": \"o-1\", \"organization_alias\": \"one\", \"models\": "
        + "[\"gpt-fake\"], \"max_budget\": 20}");
    ok("/organization/new", "{\"organization_id\": \"o-2\", \"organization_alias\": \"two\", \"max_budget\": 100}");
    oa = user("oa", "org_admin");
    om = user("om", "internal_user");
    user("carol", "internal_user");
    ok("/organization/member_add", "{\"organization_id\": \"o-1\", \"member\": [{\"role\": \"org_admin\", "
        + "\"user_id\": \"oa\"}, {\"role\": \"internal_user\", \"user_id\": \"om\"}]}");
    ok("/team/new", "{\"team_id\": \"t-o1\", \"organization_id\": \"o-1\", \"models\": [\"gpt-fake\"], "
        + "\"max_budget\": 10}");
    ok("/team/new", "{\"team_id\": \"t-o2\", \"organization_id\": \"o-2\", \"members_with_roles\": "
        + "[{\"role\": \"user\", \"user_id\": \"carol\"}]}");
    carolsKey = ok("/key/generate", "{\"team_id\": \"t-o2\", \"user_id\": \"carol\"}").get("token").asText();
  }

  private String user(String id, String role) {
    return ok("/user/new", "{\"user_id\": \"" + id + "\", \"user_role\": \"" + role + "\"}").get("key").asText();
  }

  @Test
  void anOrgAdminManagesTeamsMembersAndKeysOfItsOrganization() {
    JsonNode team = ok("/team/new", oa, "{\"team_id\": \"t-new\", \"organization_id\": \"o-1\", \"models\": "
        + "[\"gpt-fake\"], \"max_budget\": 5}");
    assertThat(team.get("organization_id").asText()).isEqualTo("o-1");
    ok("/team/member_add", oa, "{\"team_id\": \"t-new\", \"member\": {\"role\": \"user\", \"user_id\": \"dave\"}, "
        + "\"max_budget_in_team\": 1}");
    ok("/team/member_update", oa, "{\"team_id\": \"t-new\", \"user_id\": \"dave\", \"role\": \"admin\"}");
    String key = ok("/key/generate", oa, "{\"team_id\": \"t-new\", \"user_id\": \"dave\"}").get("token").asText();
    assertThat(okGet("/key/info?key=" + key, oa).get("info").get("team_id").asText()).isEqualTo("t-new");
    ok("/key/update", oa, "{\"key\": \"" + key + "\", \"max_budget\": 1}");
    ok("/team/update", oa, "{\"team_id\": \"t-new\", \"max_budget\": 6}");
    ok("/team/block", oa, "{\"team_id\": \"t-new\"}");
    ok("/team/unblock", oa, "{\"team_id\": \"t-new\"}");
    // a team of the organization made by the proxy admin is the org admin's too
    ok("/team/member_add", oa, "{\"team_id\": \"t-o1\", \"member\": {\"role\": \"user\", \"user_id\": \"erin\"}}");
    assertThat(okGet("/team/list", oa).findValuesAsText("team_id")).contains("t-new", "t-o1")
        .doesNotContain("t-o2");
    assertThat(okGet("/team/info?team_id=t-o1", oa).get("team_id").asText()).isEqualTo("t-o1");
    assertThat(okGet("/user/info?user_id=om", oa).get("user_id").asText()).isEqualTo("om"); // an org member
    JsonNode org = okGet("/organization/info?organization_id=o-1", oa);
    assertThat(org.get("organization_id").asText()).isEqualTo("o-1");
    assertThat(org.has("spend")).isTrue();
    ok("/key/delete", oa, "{\"keys\": [\"" + key + "\"]}");
    ok("/team/member_delete", oa, "{\"team_id\": \"t-new\", \"user_id\": \"dave\"}");
  }

  @Test
  void anOrgAdminCannotReachAnotherOrganizationsTeamsOrKeys() {
    error(http.post("/team/new", oa, "{\"team_id\": \"t-sneak\", \"organization_id\": \"o-2\"}"), 403,
        "not an org_admin of organization_id=o-2");
    error(http.post("/team/new", oa, "{\"team_id\": \"t-loose\"}"), 403, "outside an organization");
    error(http.post("/team/update", oa, "{\"team_id\": \"t-o2\", \"max_budget\": 1}"), 403, "team_id=t-o2");
    error(http.post("/team/block", oa, "{\"team_id\": \"t-o2\"}"), 403, "team_id=t-o2");
    error(http.post("/team/member_add", oa, "{\"team_id\": \"t-o2\", \"member\": {\"role\": \"admin\", "
        + "\"user_id\": \"oa\"}}"), 403, "not an admin of team_id=t-o2");
    error(http.post("/team/member_delete", oa, "{\"team_id\": \"t-o2\", \"user_id\": \"carol\"}"), 403,
        "not an admin of team_id=t-o2");
    error(http.get("/key/info?key=" + carolsKey, oa), 403, "You may not see this key");
    error(http.post("/key/update", oa, "{\"key\": \"" + carolsKey + "\", \"max_budget\": 100}"), 403,
        "You may not change");
    error(http.post("/key/delete", oa, "{\"keys\": [\"" + carolsKey + "\"]}"), 403, "You may not change");
    error(http.post("/key/generate", oa, "{\"team_id\": \"t-o2\"}"), 403, "not a member of team_id=t-o2");
    error(http.get("/organization/info?organization_id=o-2", oa), 403, "not an org_admin of organization_id=o-2");
    error(http.get("/team/info?team_id=t-o2", oa), 403, "not a member of team_id=t-o2");
    error(http.get("/user/info?user_id=carol", oa), 403, "may only see its own user");
    // nor move a team of its own into another organization
    ok("/team/new", oa, "{\"team_id\": \"t-mine\", \"organization_id\": \"o-1\", \"models\": [\"gpt-fake\"], "
        + "\"max_budget\": 1}");
    error(http.post("/team/update", oa, "{\"team_id\": \"t-mine\", \"organization_id\": \"o-2\"}"), 403,
        "organization_id=o-2");
    assertThat(okGet("/team/info?team_id=t-o2").get("team_info").get("max_budget").isNull()).isTrue();
    assertThat(okGet("/team/info?team_id=t-o2").get("team_info").get("blocked").asBoolean()).isFalse();
    assertThat(okGet("/key/info?key=" + carolsKey).get("info").get("max_budget").isNull()).isTrue();
  }

  @Test
  void anOrgAdminCannotMakeAnyoneProxyAdmin() {
    error(http.post("/user/update", oa, "{\"user_id\": \"om\", \"user_role\": \"proxy_admin\"}"), 403,
        "Only proxy admin");
    error(http.post("/user/update", oa, "{\"user_id\": \"oa\", \"user_role\": \"proxy_admin\"}"), 403,
        "Only proxy admin");
    error(http.post("/user/new", oa, "{\"user_id\": \"boss\", \"user_role\": \"proxy_admin\"}"), 403,
        "Only proxy admin");
    error(http.post("/organization/member_add", oa, "{\"organization_id\": \"o-1\", \"member\": {\"role\": "
        + "\"org_admin\", \"user_id\": \"om\"}}"), 403, "Only proxy admin");
    error(http.post("/team/new", oa, "{\"team_id\": \"t-esc\", \"organization_id\": \"o-1\", \"models\": "
        + "[\"gpt-fake\"], \"max_budget\": 1, \"members_with_roles\": [{\"role\": \"proxy_admin\", \"user_id\": "
        + "\"om\"}]}"), 400, "member role must be 'admin' or 'user'");
    assertThat(okGet("/user/info?user_id=om").get("user_info").get("user_role").asText()).isEqualTo("internal_user");
    assertThat(okGet("/user/info?user_id=oa").get("user_info").get("user_role").asText()).isEqualTo("org_admin");
  }

  @Test
  void noKeyGivesItsMakerTheRightsOfAUserAboveIt() {
    user("root", "proxy_admin");
    String lead = user("lead-o1", "internal_user");
    ok("/team/member_add", "{\"team_id\": \"t-o1\", \"member\": [{\"role\": \"user\", \"user_id\": \"root\"}, "
        + "{\"role\": \"admin\", \"user_id\": \"lead-o1\"}]}");
    // the org admin may not mint a key acting as a proxy admin of its team
    error(http.post("/key/generate", oa, "{\"team_id\": \"t-o1\", \"user_id\": \"root\"}"), 403,
        "has rights you do not have");
    // a team admin of the organization's team may not mint a key acting as the org admin
    error(http.post("/key/generate", lead, "{\"team_id\": \"t-o1\", \"user_id\": \"oa\"}"), 403,
        "has rights you do not have");
    // nor one for a user that does not exist yet (it could later be made a proxy admin)
    error(http.post("/key/generate", oa, "{\"team_id\": \"t-o1\", \"user_id\": \"future-root\"}"), 403,
        "is not a member of team_id=t-o1");
    String mine = ok("/key/generate", oa, "{\"team_id\": \"t-o1\"}").get("token").asText();
    error(http.post("/key/update", oa, "{\"key\": \"" + mine + "\", \"user_id\": \"root\"}"), 403,
        "has rights you do not have");
    ok("/key/generate", oa, "{\"team_id\": \"t-o1\", \"user_id\": \"lead-o1\"}");
  }

  @Test
  void anOrgAdminCannotRaiseItsOrganizationsBudgetNorExceedIt() {
    error(http.post("/organization/update", oa, "{\"organization_id\": \"o-1\", \"max_budget\": 1000}"), 403,
        "Only proxy admin");
    error(http.post("/budget/update", oa, "{\"budget_id\": \"x\", \"max_budget\": 1000}"), 403, "Only proxy admin");
    error(http.post("/team/new", oa, "{\"team_id\": \"t-big\", \"organization_id\": \"o-1\", \"models\": "
        + "[\"gpt-fake\"], \"max_budget\": 50}"), 400, "at most organization_id=o-1's max_budget 20.0");
    error(http.post("/team/new", oa, "{\"team_id\": \"t-unbounded\", \"organization_id\": \"o-1\", \"models\": "
        + "[\"gpt-fake\"]}"), 400, "max_budget");
    error(http.post("/team/new", oa, "{\"team_id\": \"t-wide\", \"organization_id\": \"o-1\", \"models\": "
        + "[\"gpt-fake\", \"embed-fake\"], \"max_budget\": 1}"), 400, "'embed-fake' is not in organization_id=o-1");
    error(http.post("/team/update", oa, "{\"team_id\": \"t-o1\", \"max_budget\": 21}"), 400,
        "at most organization_id=o-1's max_budget");
    JsonNode org = okGet("/organization/info?organization_id=o-1");
    assertThat(org.get("litellm_budget_table").get("max_budget").asDouble()).isEqualTo(20);
    assertThat(okGet("/team/info?team_id=t-o1").get("team_info").get("max_budget").asDouble()).isEqualTo(10);
  }

  @Test
  void anOrganizationMemberWhoIsNotItsAdminGetsNoTeamRights() {
    error(http.post("/team/new", om, "{\"team_id\": \"t-om\", \"organization_id\": \"o-1\"}"), 403,
        "Only proxy admin");
    error(http.post("/team/member_add", om, "{\"team_id\": \"t-o1\", \"member\": {\"role\": \"admin\", "
        + "\"user_id\": \"om\"}}"), 403, "not an admin of team_id=t-o1");
    error(http.get("/organization/info?organization_id=o-1", om), 403, "not an org_admin");
  }
}
