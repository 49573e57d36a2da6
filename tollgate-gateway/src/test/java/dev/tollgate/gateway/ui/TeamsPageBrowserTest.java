package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.DashboardDriver;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The teams page in headless Chromium as a proxy admin: create a team (the API's refusals shown in the dialog), edit,
 * block and unblock it, open it to see its keys and spend, add a member, change the member's role and remove it, and
 * delete the team; each step is checked against the API. Screenshots go to target/ui-screenshots/teams-*.png.
 */
class TeamsPageBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final String ROW = "tr[data-team-alias='ui-core']";
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
  void aTeamIsCreatedEditedBlockedGivenAMemberWhoseRoleChangesAndDeleted() {
    http.post("/user/new", MASTER, Http.fixture("/ui/directory/user-member.json"));
    ui.logIn(MASTER);
    ui.navigate("teams");
    ui.heading("Teams");

    // create: the API's own message for a bad budget, shown in the dialog, which stays open
    ui.click(By.id("create-team"));
    ui.dialog();
    assertThat(ui.focused().getDomAttribute("name")).isEqualTo("team_alias"); // focus moved into the dialog
    ui.type("team_alias", "ui-core");
    ui.type("max_budget", "-5");
    assertThat(ui.submitRefused("create-team-form-submit")).contains("'max_budget' must not be negative");
    ui.screenshot("teams-01-create-refused");
    ui.type("max_budget", "25");
    ui.tick("models", "mock-priced");
    ui.type("budget_duration", "30d");
    ui.type("rpm_limit", "60");
    ui.type("tags", "ml, prod");
    ui.type("metadata", "{\"owner\": \"ml\"}");
    ui.submitAndClose("create-team-form-submit");
    assertThat(ui.notice()).isEqualTo("Team ui-core created.");
    assertThat(ui.rowText(ROW, "ui-core")).contains("mock-priced").contains("$25.0000").contains("60 rpm")
        .contains("Active");
    String teamId = ui.row(ROW).getDomAttribute("data-team-id");
    JsonNode team = info(teamId).path("team_info");
    assertThat(team.path("max_budget").asDouble()).isEqualTo(25.0);
    assertThat(team.path("budget_duration").asText()).isEqualTo("30d");
    assertThat(team.path("rpm_limit").asInt()).isEqualTo(60);
    assertThat(strings(team.path("models"))).containsExactly("mock-priced");
    assertThat(strings(team.path("tags"))).containsExactly("ml", "prod");
    assertThat(team.path("metadata").path("owner").asText()).isEqualTo("ml");

    // a second team with the same id: the API refuses it; Escape closes the dialog and focus returns to the button
    ui.click(By.id("create-team"));
    ui.type("team_id", teamId);
    assertThat(ui.submitRefused("create-team-form-submit")).contains("Team id = " + teamId + " already exists");
    ui.screenshot("teams-02-duplicate-id-refused");
    ui.escape();
    ui.closed();
    assertThat(ui.focused().getDomAttribute("id")).isEqualTo("create-team");

    // edit: the dialog shows the team; only the changed field is sent
    ui.rowAction(ROW, "Edit");
    assertThat(ui.dialog().findElement(By.name("team_alias")).getDomProperty("value")).isEqualTo("ui-core");
    assertThat(ui.dialog().findElement(By.name("max_budget")).getDomProperty("value")).isEqualTo("25");
    ui.type("max_budget", "30");
    ui.submitAndClose("edit-team-form-submit");
    assertThat(ui.rowText(ROW, "$30.0000")).contains("ui-core");
    assertThat(ui.focused().getDomAttribute("aria-label")).isEqualTo("Edit ui-core"); // back on the re-rendered button
    assertThat(info(teamId).path("team_info").path("rpm_limit").asInt()).isEqualTo(60);

    // block and unblock
    ui.rowAction(ROW, "Block");
    ui.rowText(ROW, "Blocked");
    assertThat(info(teamId).path("team_info").path("blocked").asBoolean()).isTrue();
    ui.rowAction(ROW, "Unblock");
    ui.rowText(ROW, "Active");
    assertThat(info(teamId).path("team_info").path("blocked").asBoolean()).isFalse();

    // the detail view lists the team's keys
    http.post("/key/generate", MASTER, "{\"key_alias\": \"core-key\", \"team_id\": \"" + teamId + "\"}");
    ui.click(By.cssSelector(ROW + " a"));
    ui.heading("Team ui-core");
    assertThat(ui.row("tr[data-key-alias='core-key']").getText()).contains("Active");
    assertThat(ui.visible(By.cssSelector("dd[data-fact='Spend / budget']")).getText()).isEqualTo("$0 / $30.0000");

    // add a member with a budget in the team
    ui.click(By.id("add-member"));
    ui.type("user_id", "ui-member");
    ui.type("max_budget_in_team", "3");
    ui.submitAndClose("add-member-form-submit");
    String member = "tr[data-member='ui-member']";
    assertThat(ui.rowText(member, "member@example.com")).contains("user").contains("$3.0000");
    assertThat(memberRole(teamId, "ui-member")).isEqualTo("user");

    // change its role
    ui.rowAction(member, "Edit");
    ui.choose("role", "admin");
    ui.submitAndClose("edit-member-form-submit");
    ui.textIs(member + " .member-role", "admin");
    assertThat(memberRole(teamId, "ui-member")).isEqualTo("admin");
    ui.screenshot("teams-03-member-admin");

    // remove it: Cancel keeps it, the confirmation removes it
    ui.rowAction(member, "Remove");
    assertThat(ui.dialog().getText()).contains("Remove ui-member from ui-core?");
    assertThat(ui.focused().getText()).isEqualTo("Cancel");
    ui.confirm("Cancel");
    assertThat(ui.row(member).isDisplayed()).isTrue();
    ui.rowAction(member, "Remove");
    ui.confirm("Remove member");
    ui.gone(member);
    assertThat(info(teamId).path("team_info").path("members_with_roles")).isEmpty();

    // delete the team from its page: back on the list, the team and its key are gone
    ui.click(By.cssSelector("button[aria-label='Delete ui-core']"));
    ui.confirm("Delete team");
    ui.heading("Teams");
    ui.gone(ROW);
    assertThat(http.get("/team/info?team_id=" + teamId, MASTER).status()).isEqualTo(404);
  }

  private static JsonNode info(String teamId) {
    Http.Reply reply = http.get("/team/info?team_id=" + teamId, MASTER);
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  private static String memberRole(String teamId, String userId) {
    for (JsonNode m : info(teamId).path("team_info").path("members_with_roles")) {
      if (m.path("user_id").asText().equals(userId)) {
        return m.path("role").asText();
      }
    }
    return null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
