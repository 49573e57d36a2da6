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
 * The users page in headless Chromium as a proxy admin: create a user with a team and a first key (shown once), see
 * it in the list and find it by e-mail, the API's refusal of a second user with that e-mail, change its role, open it
 * to see its keys and teams, and delete it behind a confirmation. Screenshots: target/ui-screenshots/users-*.png.
 */
class UsersPageBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final String ROW = "tr[data-user-email='ui-user@example.com']";
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
  void aUserCreatedInTheUiIsListedFoundEditedShownWithKeysAndTeamsAndDeleted() {
    http.post("/team/new", MASTER, Http.fixture("/ui/directory/team-users.json"));
    for (int i = 0; i < 3; i++) { // others in the list, so the search has something to leave out
      http.post("/user/new", MASTER, "{\"user_email\": \"other" + i + "@example.com\", \"auto_create_key\": false}");
    }
    ui.logIn(MASTER);
    ui.navigate("users");
    ui.heading("Users");

    ui.click(By.id("create-user"));
    ui.type("user_email", "ui-user@example.com");
    ui.type("user_alias", "UI User");
    ui.type("max_budget", "10");
    ui.tick("models", "mock-priced");
    ui.tick("teams", "ui-users-team");
    ui.tick("auto_create_key");
    ui.screenshot("users-01-create-form");
    ui.click(By.id("create-user-form-submit"));
    String key = ui.visible(By.id("new-user-key")).getDomProperty("value");
    assertThat(key).startsWith("sk-");
    ui.confirm("Done");
    assertThat(ui.notice()).isEqualTo("User ui-user@example.com created.");
    assertThat(ui.rowText(ROW, "UI User")).contains("Internal user").contains("$10.0000").contains("mock-priced");
    String userId = ui.row(ROW).getDomAttribute("data-user-id");
    JsonNode user = http.get("/user/info?user_id=" + userId, MASTER).json();
    assertThat(user.path("user_info").path("max_budget").asDouble()).isEqualTo(10.0);
    assertThat(user.path("teams").get(0).path("team_id").asText()).isEqualTo("ui-users-team");
    assertThat(user.path("keys")).hasSize(1);

    // the e-mail search is the API's filter: part of the address, any case
    ui.driver().findElement(By.name("user_email")).sendKeys("UI-USER@");
    ui.click(By.cssSelector("form[aria-label='Filter users'] button[type=submit]"));
    ui.waiting().until(d -> d.findElements(By.cssSelector("#users-list tbody tr")).size() == 1);
    assertThat(ui.row("#users-list caption").getText()).isEqualTo("1 user");

    // a second user with that e-mail: the API's message in the dialog
    ui.click(By.id("create-user"));
    ui.type("user_email", "ui-user@example.com");
    assertThat(ui.submitRefused("create-user-form-submit")).contains("User with email ui-user@example.com already exists");
    ui.screenshot("users-02-duplicate-email-refused");
    ui.confirm("Cancel");

    // change the role
    ui.rowAction(ROW, "Edit");
    ui.choose("user_role", "internal_user_viewer");
    ui.submitAndClose("edit-user-form-submit");
    ui.rowText(ROW, "Internal viewer");
    assertThat(http.get("/user/info?user_id=" + userId, MASTER).json().path("user_info").path("user_role").asText())
        .isEqualTo("internal_user_viewer");

    // the user's page: keys and teams
    ui.click(By.cssSelector(ROW + " a"));
    ui.heading("User ui-user@example.com");
    assertThat(ui.visible(By.cssSelector("#user-detail table caption")).getText()).isEqualTo("1 key");
    assertThat(ui.row("tr[data-team-id='ui-users-team']").getText()).contains("ui-users-team");
    ui.screenshot("users-03-detail");

    // delete it from the list
    ui.click(By.cssSelector("main a[href='#/users']"));
    ui.heading("Users");
    ui.rowAction(ROW, "Delete");
    assertThat(ui.dialog().getText()).contains("Delete ui-user@example.com?");
    ui.confirm("Delete user");
    ui.gone(ROW);
    assertThat(http.get("/user/info?user_id=" + userId, MASTER).status()).isEqualTo(404);
    assertThat(http.get("/key/info?key=" + key, MASTER).status()).isEqualTo(404);
  }
}
