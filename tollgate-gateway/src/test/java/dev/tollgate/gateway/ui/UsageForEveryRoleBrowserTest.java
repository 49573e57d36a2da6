package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.DashboardPage;
import dev.tollgate.gateway.support.HeadlessChromium;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard for every role, in headless Chromium against a gateway on loopback, over the daily-activity
 * endpoints: an internal user (ivy) who made calls with her two keys sees her own usage by model and by key and
 * nobody else's; an admin sees the same calls broken down by customer; and per-model limits, a soft budget, allowed
 * routes, skipping the default-on guardrails and a new expiry set in the key dialog are what /key/info then shows.
 * Screenshots go to target/ui-screenshots/.
 */
class UsageForEveryRoleBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static RunningGateway gw;
  private static HeadlessChromium chromium;
  private static DashboardPage ui;
  private static Http http;
  private static String ivysKey;
  private static String batchKey;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start();
    gw = RunningGateway.start("/ui/ui-pages-config.yaml");
    ui = new DashboardPage(chromium, gw);
    http = new Http(gw);
    ivysKey = ok(http.post("/user/new", MASTER, "{\"user_id\": \"ivy\", \"user_role\": \"internal_user\", "
        + "\"key_alias\": \"ivy-main\"}")).get("key").asText();
    batchKey = ok(http.post("/key/generate", MASTER, "{\"user_id\": \"ivy\", \"key_alias\": \"ivy-batch\"}"))
        .get("key").asText();
    ok(http.post("/customer/new", MASTER, "{\"user_id\": \"cust-acme\", \"alias\": \"Acme\"}"));
    chat(ivysKey, "mock-priced", "cust-acme");
    chat(ivysKey, "mock-priced", "cust-acme");
    chat(batchKey, "mock-cheap", null);
    chat(MASTER, "mock-cheap", "cust-zen"); // not ivy's: her page must not count it
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (gw != null) {
      gw.close();
    }
  }

  private static JsonNode ok(Http.Reply r) {
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json();
  }

  private static void chat(String key, String model, String user) {
    ok(http.post("/v1/chat/completions", key, "{\"model\": \"" + model + "\", "
        + (user == null ? "" : "\"user\": \"" + user + "\", ")
        + "\"messages\": [{\"role\": \"user\", \"content\": \"every role " + System.nanoTime() + "\"}]}"));
  }

  private static WebElement group(String name) {
    return ui.visible(By.cssSelector("#usage-breakdown tr[data-group='" + name + "']"));
  }

  private static void breakDownBy(String label) {
    new Select(chromium.driver().findElement(By.name("dimension"))).selectByVisibleText(label);
  }

  @Test
  void anInternalUserSeesTheirOwnUsageByModelAndKey() {
    ui.openAs(ivysKey, "Your virtual keys");
    ui.navigate("usage", "Usage");
    // rows are written within the 1 s flush interval: search again until both models are there
    ui.searchUntil("Date range", By.cssSelector("#usage-breakdown tr[data-group]"), 2);
    ui.await().until(d -> group("mock-cheap").getText().contains(" 1 ")); // the master key's call is not hers
    assertThat(group("mock-priced").getText()).contains(" 2 ");
    assertThat(ui.visible(By.id("usage-scope")).getText()).contains("your keys").contains("ivy");
    List<String> dimensions = new Select(chromium.driver().findElement(By.name("dimension"))).getOptions().stream()
        .map(WebElement::getText).toList();
    assertThat(dimensions).containsExactly("Model", "Key", "Provider"); // teams, customers, tags: admins only
    assertThat(chromium.driver().findElements(By.cssSelector("#nav a[href='#/logs']"))).isEmpty();
    assertThat(ui.visible(By.id("usage-total")).getText()).startsWith("$");
    chromium.screenshot("every-role-01-internal-user-by-model");

    breakDownBy("Key");
    assertThat(group("ivy-main").getText()).contains(" 2 ");
    assertThat(group("ivy-batch").getText()).contains(" 1 ");
    assertThat(ui.visible(By.id("usage-top-keys")).getText()).contains("Your keys by spend", "ivy-main");
    assertThat(chromium.driver().findElements(By.id("usage-top-teams"))).isEmpty();
    chromium.screenshot("every-role-02-internal-user-by-key");
  }

  @Test
  void anAdminSeesTheCustomerBreakdown() {
    ui.openAs(MASTER, "Virtual keys");
    ui.navigate("usage", "Usage");
    ui.searchUntil("Date range", By.cssSelector("#usage-breakdown tr[data-group]"), 2);
    ui.await().until(d -> group("mock-cheap").getText().contains(" 2 ")); // every call: ivy's and the master key's
    breakDownBy("Customer");
    assertThat(group("Acme").getText()).contains(" 2 "); // named by its alias
    assertThat(group("cust-zen").getText()).contains(" 1 ");
    assertThat(group("(no customer)").getText()).contains(" 1 ");
    assertThat(ui.visible(By.cssSelector("#usage-chart .legend")).getText()).contains("Acme", "cust-zen");
    chromium.screenshot("every-role-03-admin-by-customer");
  }

  @Test
  void perModelLimitsAndTheOtherKeySettingsOfTheDialogAreWhatKeyInfoShows() {
    ui.openAs(MASTER, "Virtual keys");
    ui.keyRow("ivy-batch").findElement(By.xpath(".//button[text()='Edit']")).click();
    WebElement dialog = ui.dialog();
    ui.click(By.id("add-model-limit"));
    set(dialog, "limit_model", "mock-priced");
    set(dialog, "limit_budget", "5");
    set(dialog, "limit_period", "30d");
    set(dialog, "limit_rpm", "7");
    set(dialog, "soft_budget", "2");
    set(dialog, "allowed_routes", "llm_api_routes, /key/info");
    set(dialog, "duration", "30d");
    dialog.findElement(By.name("disable_global_guardrails")).click();
    Object unlabelled = ui.script("return [...document.querySelectorAll('dialog[open] input, dialog[open] select, "
        + "dialog[open] textarea')].filter((el) => el.labels.length === 0).map((el) => el.name)");
    assertThat((List<?>) unlabelled).isEmpty();
    chromium.screenshot("every-role-04-key-dialog-model-limits");
    ui.click(By.id("edit-key-submit"));
    ui.dialogClosed();

    JsonNode info = ok(http.get("/key/info?key=" + batchKey, MASTER)).get("info");
    assertThat(info.get("model_max_budget").toString())
        .isEqualTo("{\"mock-priced\":{\"budget_limit\":5.0,\"time_period\":\"30d\"}}");
    assertThat(info.get("model_rpm_limit").toString()).isEqualTo("{\"mock-priced\":7}");
    assertThat(info.get("model_tpm_limit").toString()).isEqualTo("{}");
    assertThat(info.get("soft_budget").asDouble()).isEqualTo(2.0);
    assertThat(info.get("allowed_routes").toString()).isEqualTo("[\"llm_api_routes\",\"/key/info\"]");
    assertThat(info.at("/metadata/disable_global_guardrails").asBoolean()).isTrue();
    Duration left = Duration.between(Instant.now(), Instant.parse(info.get("expires").asText()));
    assertThat(left.toHours()).isBetween(29L * 24, 30L * 24);
    assertThat(info.get("key_alias").asText()).isEqualTo("ivy-batch"); // untouched fields are not sent

    // the dialog reads the limits back, and removing the row clears them
    ui.keyRow("ivy-batch").findElement(By.xpath(".//button[text()='Edit']")).click();
    dialog = ui.dialog();
    assertThat(dialog.findElement(By.name("limit_model")).getDomProperty("value")).isEqualTo("mock-priced");
    assertThat(dialog.findElement(By.name("limit_budget")).getDomProperty("value")).isEqualTo("5");
    assertThat(dialog.findElement(By.name("disable_global_guardrails")).isSelected()).isTrue();
    assertThat(dialog.getText()).contains("Expires 20");
    dialog.findElement(By.cssSelector("button[aria-label='Remove limit 1']")).click();
    ui.click(By.id("edit-key-submit"));
    ui.dialogClosed();
    JsonNode cleared = ok(http.get("/key/info?key=" + batchKey, MASTER)).get("info");
    assertThat(cleared.get("model_max_budget").toString()).isEqualTo("{}");
    assertThat(cleared.get("model_rpm_limit").toString()).isEqualTo("{}");
    assertThat(cleared.get("soft_budget").asDouble()).isEqualTo(2.0);
  }

  private static void set(WebElement dialog, String name, String value) {
    WebElement input = dialog.findElement(By.name(name));
    input.clear();
    input.sendKeys(value);
  }
}
