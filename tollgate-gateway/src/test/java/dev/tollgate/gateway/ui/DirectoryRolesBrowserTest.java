package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.DashboardDriver;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * What the directory pages offer each role, in headless Chromium: an admin viewer sees every team, user,
 * organization, customer and budget with no create, edit, block or delete control (and the API refuses those calls
 * with its key); an internal user sees only its own teams, manages the members of a team it is an admin of, and
 * nothing of a team it is only a member of. Screenshots: target/ui-screenshots/roles-*.png.
 */
class DirectoryRolesBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final Map<String, String> KEYS = new HashMap<>();
  private static RunningGateway gw;
  private static DashboardDriver ui;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/ui/ui-config.yaml");
    http = new Http(gw);
    ui = DashboardDriver.start(gw);
    JsonNode calls = Json.tree(Http.fixture("/ui/directory/roles-setup.json").getBytes(StandardCharsets.UTF_8));
    for (JsonNode call : calls) {
      Http.Reply reply = http.post(call.path("path").asText(), MASTER, call.path("body").toString());
      assertThat(reply.status()).as(call.toString()).isEqualTo(200);
      if (reply.json().hasNonNull("key") && reply.json().has("user_id")) {
        KEYS.put(reply.json().path("user_id").asText(), reply.json().path("key").asText());
      }
    }
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

  @AfterEach
  void logOut() {
    ui.logOut();
  }

  @Test
  void anAdminViewerSeesEveryListWithoutAnyControlThatChangesSomething() {
    String viewer = KEYS.get("dir-viewer");
    ui.logIn(viewer);
    assertThat(ui.navLabels()).contains("Teams", "Users", "Organizations", "Customers", "Budgets");

    ui.navigate("teams");
    ui.heading("Teams");
    assertThat(ui.row("tr[data-team-alias='alice-team']").getText()).contains("alice-team");
    assertThat(ui.row("tr[data-team-alias='other-team']").isDisplayed()).isTrue();
    noControls("create-team", "#teams-list tbody");
    ui.screenshot("roles-01-viewer-teams");
    ui.click(By.cssSelector("tr[data-team-alias='alice-team'] a"));
    ui.heading("Team alice-team");
    ui.row("tr[data-member='dir-bob']");
    noControls("add-member", "#team-detail");

    ui.navigate("users");
    ui.heading("Users");
    ui.row("tr[data-user-id='dir-alice']");
    noControls("create-user", "#users-list tbody");
    ui.click(By.cssSelector("tr[data-user-id='dir-alice'] a"));
    ui.heading("User dir-alice");
    ui.row("tr[data-key-alias='alice-key']");
    noControls(null, "#user-detail");

    ui.navigate("organizations");
    ui.heading("Organizations");
    ui.row("tr[data-org-alias='dir-org']");
    noControls("create-org", "#organizations-list tbody");
    ui.click(By.cssSelector("tr[data-org-alias='dir-org'] a"));
    ui.heading("Organization dir-org");
    ui.row("tr[data-member='dir-bob']");
    noControls("add-org-member", "#organization-detail");

    ui.navigate("customers");
    ui.heading("Customers");
    assertThat(ui.row("tr[data-customer='dir-customer']").getText()).contains("$3.0000");
    noControls("create-customer", "#customers-list tbody");

    ui.navigate("budgets");
    ui.heading("Budgets");
    ui.row("tr[data-budget='dir-budget']");
    noControls("create-budget", "#budgets-list tbody");
    ui.screenshot("roles-02-viewer-budgets");

    // the gateway refuses what the page does not offer
    for (String[] call : new String[][] {{"/team/new", "{\"team_alias\": \"v\"}"},
        {"/team/member_add", "{\"team_id\": \"alice-team\", \"member\": {\"user_id\": \"x\"}}"},
        {"/user/new", "{\"user_email\": \"v@example.com\"}"}, {"/organization/new", "{\"organization_alias\": \"v\"}"},
        {"/customer/new", "{\"user_id\": \"v\"}"}, {"/budget/new", "{\"max_budget\": 1}"},
        {"/budget/delete", "{\"id\": \"dir-budget\"}"}}) {
      assertThat(http.post(call[0], viewer, call[1]).status()).as(call[0]).isEqualTo(403);
    }
  }

  @Test
  void anInternalUserSeesOnlyItsTeamsAndManagesMembersOnlyWhereItIsTeamAdmin() {
    ui.logIn(KEYS.get("dir-alice"));
    assertThat(ui.navLabels()).containsExactly("Virtual keys", "Usage", "Playground", "Teams", "Models", "Guardrails");
    ui.navigate("teams");
    ui.heading("Your teams");
    ui.row("tr[data-team-alias='alice-team']");
    assertThat(ui.driver().findElements(By.cssSelector("tr[data-team-alias='other-team']"))).isEmpty();
    noControls("create-team", "#teams-list tbody");

    // a team admin: members can be added and changed, the team itself not
    ui.click(By.cssSelector("tr[data-team-alias='alice-team'] a"));
    ui.heading("Team alice-team");
    assertThat(ui.driver().findElements(By.cssSelector("button[aria-label='Delete alice-team']"))).isEmpty();
    assertThat(ui.driver().findElements(By.cssSelector("button[aria-label='Edit alice-team']"))).isEmpty();
    ui.click(By.id("add-member"));
    ui.type("user_id", "dir-carol");
    ui.submitAndClose("add-member-form-submit");
    ui.textIs("tr[data-member='dir-carol'] .member-role", "user");
    assertThat(ui.row("tr[data-member='dir-bob']").findElements(By.tagName("button"))).hasSize(2);
    ui.screenshot("roles-03-team-admin");

    // a plain member sees the team, and no control at all
    ui.logOut();
    ui.logIn(KEYS.get("dir-bob"));
    ui.navigate("teams");
    ui.heading("Your teams");
    ui.click(By.cssSelector("tr[data-team-alias='alice-team'] a"));
    ui.heading("Team alice-team");
    ui.row("tr[data-member='dir-carol']");
    noControls("add-member", "#team-detail");
  }

  @Test
  void everyDirectoryPageAndDialogFitsA320PixelWideWindow() {
    ui.driver().manage().window().setSize(new Dimension(320, 800));
    try {
      ui.logIn(MASTER);
      for (String page : new String[] {"teams", "users", "organizations", "customers", "budgets"}) {
        ui.navigate(page);
        ui.visible(By.cssSelector("main table tbody tr button")); // the list, with its row buttons, is drawn
        assertThat(sidewaysOverflow()).as(page).isLessThanOrEqualTo(0L);
      }
      ui.navigate("teams");
      ui.click(By.cssSelector("tr[data-team-alias='alice-team'] a"));
      ui.heading("Team alice-team");
      ui.row("tr[data-member='dir-bob']");
      assertThat(sidewaysOverflow()).as("team page").isLessThanOrEqualTo(0L);
      ui.click(By.id("add-member"));
      ui.dialog();
      assertThat(sidewaysOverflow()).as("dialog").isLessThanOrEqualTo(0L);
      ui.screenshot("roles-04-320px-dialog");
      ui.escape();
      ui.closed();
    } finally {
      ui.driver().manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  /** How far the page scrolls sideways (0 when it fits; tables scroll inside their own box). */
  private static long sidewaysOverflow() {
    return (Long) ui.driver().executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
  }

  /** No button with {@code id} on the page, and no button at all inside {@code css}. */
  private static void noControls(String id, String css) {
    if (id != null) {
      assertThat(ui.driver().findElements(By.id(id))).as(id).isEmpty();
    }
    assertThat(ui.driver().findElements(By.cssSelector(css + " button"))).as(css).isEmpty();
  }
}
