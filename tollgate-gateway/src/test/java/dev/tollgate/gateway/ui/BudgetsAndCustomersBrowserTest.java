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
 * The budgets and customers pages in headless Chromium as a proxy admin: create a shared budget and edit it, create a
 * customer on it, block and unblock the customer, see the API refuse to delete a budget still in use, then delete the
 * customer and the budget. Screenshots: target/ui-screenshots/budgets-*.png.
 */
class BudgetsAndCustomersBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final String BUDGET = "tr[data-budget='ui-tier']";
  private static final String CUSTOMER = "tr[data-customer='ui-acme']";
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
  void aSharedBudgetCarriesACustomerAndCannotBeDeletedWhileInUse() {
    ui.logIn(MASTER);
    ui.navigate("budgets");
    ui.heading("Budgets");

    ui.click(By.id("create-budget"));
    ui.type("budget_id", "ui-tier");
    ui.type("max_budget", "50");
    ui.type("budget_duration", "30d");
    ui.type("rpm_limit", "1.5");
    assertThat(ui.submitRefused("create-budget-form-submit")).contains("'rpm_limit' must be a whole number");
    ui.type("rpm_limit", "20");
    ui.submitAndClose("create-budget-form-submit");
    assertThat(ui.rowText(BUDGET, "$50.0000")).contains("30d").contains("20 rpm");

    ui.rowAction(BUDGET, "Edit");
    ui.type("soft_budget", "40");
    ui.submitAndClose("edit-budget-form-submit");
    ui.rowText(BUDGET, "$40.0000");
    assertThat(budget().path("soft_budget").asDouble()).isEqualTo(40.0);

    ui.navigate("customers");
    ui.heading("Customers");
    ui.click(By.id("create-customer"));
    ui.type("user_id", "ui-acme");
    ui.type("alias", "Acme");
    ui.choose("budget_id", "ui-tier");
    ui.choose("allowed_model_region", "eu");
    ui.choose("default_model", "mock-priced");
    ui.submitAndClose("create-customer-form-submit");
    assertThat(ui.rowText(CUSTOMER, "Acme")).contains("$50.0000").contains("20 rpm").contains("EU")
        .contains("mock-priced").contains("Active");
    JsonNode customer = http.get("/customer/info?end_user_id=ui-acme", MASTER).json();
    assertThat(customer.path("budget_id").asText()).isEqualTo("ui-tier");

    ui.rowAction(CUSTOMER, "Block");
    ui.rowText(CUSTOMER, "Blocked");
    assertThat(http.get("/customer/info?end_user_id=ui-acme", MASTER).json().path("blocked").asBoolean()).isTrue();
    ui.rowAction(CUSTOMER, "Unblock");
    ui.rowText(CUSTOMER, "Active");
    ui.screenshot("budgets-01-customers");

    // the budget is in use: the API's refusal is shown on the page
    ui.navigate("budgets");
    ui.heading("Budgets");
    ui.rowAction(BUDGET, "Delete");
    ui.confirm("Delete budget");
    assertThat(ui.visible(By.cssSelector("main [role=alert]")).getText())
        .contains("budget_id 'ui-tier' is still used by end_users");
    ui.screenshot("budgets-02-in-use-refused");

    ui.navigate("customers");
    ui.heading("Customers");
    ui.rowAction(CUSTOMER, "Delete");
    ui.confirm("Delete customer");
    ui.gone(CUSTOMER);
    assertThat(http.get("/customer/info?end_user_id=ui-acme", MASTER).status()).isEqualTo(404);

    ui.navigate("budgets");
    ui.heading("Budgets");
    ui.rowAction(BUDGET, "Delete");
    ui.confirm("Delete budget");
    ui.gone(BUDGET);
    assertThat(http.post("/budget/info", MASTER, "{\"budgets\": [\"ui-tier\"]}").status()).isEqualTo(404);
  }

  private static JsonNode budget() {
    Http.Reply reply = http.post("/budget/info", MASTER, "{\"budgets\": [\"ui-tier\"]}");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().get(0);
  }
}
