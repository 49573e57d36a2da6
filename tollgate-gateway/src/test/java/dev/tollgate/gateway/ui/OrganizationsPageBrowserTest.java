package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.DashboardDriver;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The organizations page in headless Chromium as a proxy admin: create an organization with limits (a missing name is
 * the API's refusal), edit its budget, place a team in it from the teams page, open it, add a member, change the
 * member's role, remove it, and delete it. Screenshots: target/ui-screenshots/orgs-*.png.
 */
class OrganizationsPageBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final String ROW = "tr[data-org-alias='ui-org']";
  private static RunningGateway gw;
  private static DashboardDriver ui;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/ui/ui-config.yaml");
    http = new Http(gw);
    ui = DashboardDriver.start(gw);
  }

  @AfterAll
  static void stop() {
    if (ui != null) {
      ui.close();
    }
    if (gw != null) {
      gw.close();
    }
  }

  @Test
  void anOrganizationIsCreatedEditedGivenAMemberWhoseRoleChangesAndDeleted() {
    http.post("/user/new", MASTER, Http.fixture("/ui/directory/user-org-member.json"));
    ui.logIn(MASTER);
    ui.navigate("organizations");
    ui.heading("Organizations");

    ui.click(By.id("create-org"));
    ui.type("max_budget", "100");
    assertThat(ui.submitRefused("create-org-form-submit")).contains("'organization_alias' is required");
    ui.type("organization_alias", "ui-org");
    ui.type("budget_duration", "1mo");
    ui.type("tpm_limit", "5000");
    ui.submitAndClose("create-org-form-submit");
    assertThat(ui.notice()).isEqualTo("Organization ui-org created.");
    assertThat(ui.rowText(ROW, "$100.0000")).contains("5000 tpm");
    String orgId = ui.row(ROW).getDomAttribute("data-org-id");
    JsonNode budget = info(orgId).path("litellm_budget_table");
    assertThat(budget.path("max_budget").asDouble()).isEqualTo(100.0);
    assertThat(budget.path("budget_duration").asText()).isEqualTo("1mo");

    ui.rowAction(ROW, "Edit");
    assertThat(ui.dialog().getText()).contains("Limits are kept in budget " + info(orgId).path("budget_id").asText());
    ui.type("max_budget", "120");
    ui.submitAndClose("edit-org-form-submit");
    ui.rowText(ROW, "$120.0000");
    assertThat(info(orgId).path("litellm_budget_table").path("max_budget").asDouble()).isEqualTo(120.0);

    // a team placed in it from the teams page's organization choice
    ui.navigate("teams");
    ui.heading("Teams");
    ui.click(By.id("create-team"));
    ui.type("team_alias", "ui-org-team");
    ui.choose("organization_id", orgId);
    ui.submitAndClose("create-team-form-submit");
    ui.rowText("tr[data-team-alias='ui-org-team']", orgId);
    ui.navigate("organizations");
    ui.heading("Organizations");
    ui.click(By.cssSelector(ROW + " a"));
    ui.heading("Organization ui-org");
    assertThat(ui.visible(By.cssSelector("#organization-detail")).getText()).contains("ui-org-team");

    ui.click(By.id("add-org-member"));
    ui.type("user_email", "org-member@example.com");
    ui.submitAndClose("add-org-member-form-submit");
    String member = "tr[data-member='ui-org-member']";
    ui.textIs(member + " .member-role", "internal_user");

    ui.rowAction(member, "Edit");
    ui.choose("role", "org_admin");
    ui.submitAndClose("edit-org-member-form-submit");
    ui.textIs(member + " .member-role", "org_admin");
    assertThat(info(orgId).path("members").get(0).path("user_role").asText()).isEqualTo("org_admin");
    ui.screenshot("orgs-01-member-org-admin");

    ui.rowAction(member, "Remove");
    ui.confirm("Remove member");
    ui.gone(member);
    assertThat(info(orgId).path("members")).isEmpty();

    ui.click(By.cssSelector("button[aria-label='Delete ui-org']"));
    ui.confirm("Delete organization");
    ui.heading("Organizations");
    ui.gone(ROW);
    assertThat(http.get("/organization/info?organization_id=" + orgId, MASTER).status()).isEqualTo(404);
  }

  private static JsonNode info(String orgId) {
    Http.Reply reply = http.get("/organization/info?organization_id=" + orgId, MASTER);
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }
}
