package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http.Reply;
import org.junit.jupiter.api.Test;

/** {@code /organization/*} end to end over HTTP; run per database by the subclasses. */
abstract class OrganizationApiContract extends AdminApiContract {

  @Test
  void newOrganizationKeepsItsLimitsInABudgetRow() {
    JsonNode org = ok("/organization/new", "{\"organization_id\": \"o-acme\", \"organization_alias\": \"Acme\", "
        + "\"models\": [\"gpt-fake\"], \"max_budget\": 100, \"rpm_limit\": 60}");
    assertThat(org.get("organization_alias").asText()).isEqualTo("Acme");
    String budgetId = org.get("budget_id").asText();
    assertThat(org.get("litellm_budget_table").get("budget_id").asText()).isEqualTo(budgetId);
    assertThat(org.get("litellm_budget_table").get("max_budget").asDouble()).isEqualTo(100);
    assertThat(org.get("litellm_budget_table").get("rpm_limit").asInt()).isEqualTo(60);

    Reply patched = http.send("PATCH", "/organization/update", MASTER, "{\"organization_id\": \"o-acme\", "
        + "\"max_budget\": 150, \"organization_alias\": \"Acme Inc\"}");
    assertThat(patched.status()).as(patched.json().toString()).isEqualTo(200);
    assertThat(patched.json().get("organization_alias").asText()).isEqualTo("Acme Inc");
    assertThat(patched.json().get("budget_id").asText()).isEqualTo(budgetId);
    assertThat(patched.json().get("litellm_budget_table").get("max_budget").asDouble()).isEqualTo(150);
    assertThat(patched.json().get("litellm_budget_table").get("rpm_limit").asInt()).isEqualTo(60);
  }

  @Test
  void infoListMembersAndDelete() {
    ok("/organization/new", "{\"organization_id\": \"o-info\", \"organization_alias\": \"Info\"}");
    ok("/team/new", "{\"team_id\": \"o-info-team\", \"organization_id\": \"o-info\"}");
    JsonNode added = ok("/organization/member_add", "{\"organization_id\": \"o-info\", \"member\": "
        + "{\"role\": \"org_admin\", \"user_id\": \"o-boss\"}}");
    assertThat(added.get("updated_organization_memberships").get(0).get("user_role").asText())
        .isEqualTo("org_admin");
    JsonNode info = okGet("/organization/info?organization_id=o-info");
    assertThat(info.get("members").get(0).get("user_id").asText()).isEqualTo("o-boss");
    assertThat(info.get("teams").get(0).get("team_id").asText()).isEqualTo("o-info-team");
    assertThat(ok("/organization/info", "{\"organizations\": [\"o-info\"]}").get(0).get("organization_id")
        .asText()).isEqualTo("o-info");
    assertThat(okGet("/organization/list").findValuesAsText("organization_id")).contains("o-info");

    Reply deleted = http.send("DELETE", "/organization/delete", MASTER, "{\"organization_ids\": [\"o-info\"]}");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get(0).get("organization_id").asText()).isEqualTo("o-info");
    error(http.get("/organization/info?organization_id=o-info", MASTER), 404, "Organization not found");
  }

  @Test
  void aliasIsRequiredAndIdsAreUnique() {
    error(http.post("/organization/new", MASTER, "{\"organization_id\": \"o-x\"}"), 400, "organization_alias");
    ok("/organization/new", "{\"organization_id\": \"o-dup\", \"organization_alias\": \"Dup\"}");
    error(http.post("/organization/new", MASTER, "{\"organization_id\": \"o-dup\", \"organization_alias\": \"D\"}"),
        400, "already exists");
    error(http.post("/organization/member_add", MASTER, "{\"organization_id\": \"o-dup\", \"member\": "
        + "{\"role\": \"proxy_admin\", \"user_id\": \"sneaky\"}}"), 400, "must be one of");
  }

  @Test
  void membersChangeRoleAndLeave() {
    ok("/organization/new", "{\"organization_id\": \"o-mem\", \"organization_alias\": \"Mem\"}");
    ok("/organization/member_add", "{\"organization_id\": \"o-mem\", \"member\": [{\"role\": "
        + "\"internal_user\", \"user_id\": \"om-1\"}, {\"role\": \"internal_user_viewer\", \"user_email\": "
        + "\"om2@example.com\"}]}");
    Reply changed = http.send("PATCH", "/organization/member_update", MASTER, "{\"organization_id\": \"o-mem\", "
        + "\"user_id\": \"om-1\", \"role\": \"org_admin\"}");
    assertThat(changed.status()).as(changed.json().toString()).isEqualTo(200);
    assertThat(changed.json().get("user_role").asText()).isEqualTo("org_admin");
    Reply left = http.send("DELETE", "/organization/member_delete", MASTER, "{\"organization_id\": \"o-mem\", "
        + "\"user_email\": \"om2@example.com\"}");
    assertThat(left.status()).as(left.json().toString()).isEqualTo(200);
    JsonNode members = okGet("/organization/info?organization_id=o-mem").get("members");
    assertThat(members).hasSize(1);
    assertThat(members.get(0).get("user_role").asText()).isEqualTo("org_admin");
    error(http.send("DELETE", "/organization/member_delete", MASTER, "{\"organization_id\": \"o-mem\", "
        + "\"user_id\": \"om-9\"}"), 404, "not a member");
  }
}
