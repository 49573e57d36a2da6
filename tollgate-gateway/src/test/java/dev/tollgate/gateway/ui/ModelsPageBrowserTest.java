package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.HeadlessChromium;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.Behavior;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's Models page end to end in headless Chromium against a gateway on loopback (ui/models-ui-config.yaml):
 * add a model pointing at the fake upstream, test its connection, see it healthy and routable, edit it without
 * resending its key, delete it; a failing deployment shown cooling down; what a viewer is offered; the dialog by
 * keyboard. Screenshots go to target/ui-screenshots/.
 */
class ModelsPageBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final String SECRET = "sk-ui-secret-1357";
  private static RunningGateway gw;
  private static HeadlessChromium chromium;
  private static ChromeDriver driver;
  private static WebDriverWait wait;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start();
    driver = chromium.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // cells re-render on every poll
    gw = RunningGateway.start("/ui/models-ui-config.yaml");
    http = new Http(gw);
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

  @AfterEach
  void logOut() {
    driver.get(gw.url("/ui/"));
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
  }

  @Test
  void aModelAddedInTheUiTestsHealthyServesAtOnceAndIsEditedAndDeleted() {
    openModelsAs(MASTER);
    WebElement config = row("mock-priced-1");
    assertThat(config.getText()).contains("Config").contains("read-only").contains("$1000.00 / $2000.00");
    assertThat(buttons(config)).containsExactly("Test"); // a config model is not edited here
    assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("null").doesNotContain("undefined");

    // add: the connection test first fails on a closed port, with the reason, then succeeds against the fake
    click(By.id("add-model"));
    WebElement dialog = openDialog();
    assertThat(driver.switchTo().activeElement().getDomAttribute("name")).isEqualTo("model_name");
    dialog.findElement(By.name("model_name")).sendKeys("ui-added");
    dialog.findElement(By.name("model")).sendKeys("openai/ui-upstream");
    dialog.findElement(By.name("api_base")).sendKeys("http://127.0.0.1:1/v1");
    dialog.findElement(By.name("api_key")).sendKeys(SECRET);
    dialog.findElement(By.name("rpm")).sendKeys("60");
    assertThat(dialog.getText()).doesNotContain("null").doesNotContain("undefined");
    click(By.id("model-test-connection"));
    WebElement failed = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("dialog[open] [role=alert]#model-test-result")));
    assertThat(failed.getText()).startsWith("Connection failed: APIConnectionError").contains("127.0.0.1:1")
        .doesNotContain(SECRET);
    chromium.screenshot("models-01-test-connection-failed");
    dialog.findElement(By.name("api_base")).clear();
    dialog.findElement(By.name("api_base")).sendKeys(gw.fake().baseUrl());
    click(By.id("model-test-connection"));
    wait.until(ExpectedConditions.textToBe(By.cssSelector("dialog[open] #model-test-result"),
        "Connection OK: the model answered."));
    chromium.screenshot("models-02-test-connection-ok");
    click(By.id("model-save"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));

    WebElement added = rowNamed("ui-added");
    String id = added.getDomAttribute("data-model-id");
    assertThat(added.getText()).contains("openai/ui-upstream").contains("API").contains("60 / ∞");
    assertThat(buttons(added)).containsExactly("Test", "Edit", "Delete");
    assertThat(driver.getPageSource()).doesNotContain(SECRET);
    assertThat(http.get("/model/info", MASTER).json().toString()).doesNotContain(SECRET);

    // routable at once, with the key typed in the form
    assertThat(chat("ui-added").status()).isEqualTo(200);
    assertThat(gw.fake().lastRequest().header("authorization")).isEqualTo("Bearer " + SECRET);

    // a health check of that model only: the row turns healthy
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("health-scope"))).selectByValue("ui-added");
    click(By.id("run-health"));
    wait.until(d -> "healthy".equals(healthOf(id)));
    assertThat(healthOf("mock-priced-1")).isEqualTo("unknown"); // not part of this check
    chromium.screenshot("models-03-added-and-healthy");

    // edit: change the rpm, leave the key empty: the stored key stays
    row(id).findElement(By.xpath(".//button[text()='Edit']")).click();
    WebElement edit = openDialog();
    assertThat(edit.findElement(By.name("api_key")).getDomProperty("value")).isEmpty(); // never shown back
    chromium.screenshot("models-06-edit-form");
    edit.findElement(By.name("rpm")).clear();
    edit.findElement(By.name("rpm")).sendKeys("120");
    click(By.id("model-save"));
    wait.until(d -> row(id).getText().contains("120 / ∞"));
    assertThat(chat("ui-added").status()).isEqualTo(200);
    assertThat(gw.fake().lastRequest().header("authorization")).isEqualTo("Bearer " + SECRET);
    JsonNode stored = http.get("/model/info?litellm_model_id=" + id, MASTER).json().get("data").get(0);
    assertThat(stored.get("litellm_params").get("rpm").asInt()).isEqualTo(120);

    // delete behind a confirmation
    row(id).findElement(By.xpath(".//button[text()='Delete']")).click();
    WebElement confirm = openDialog();
    assertThat(confirm.getText()).contains("Delete ui-added (" + id + ")?");
    confirm.findElement(By.xpath(".//button[text()='Delete model']")).click();
    wait.until(d -> d.findElements(By.cssSelector("tr[data-model-id='" + id + "']")).isEmpty());
    assertThat(http.get("/model/info", MASTER).json().toString()).doesNotContain("ui-added");
    assertThat(chat("ui-added").status()).isEqualTo(400);
  }

  @Test
  void aFailingDeploymentShowsAsCoolingDownWithItsReason() {
    gw.fake().script("flaky-upstream", Behavior.openAiError(500, "upstream exploded", "server_error", null));
    openModelsAs(MASTER);
    assertThat(stateOf("flaky-1")).isEqualTo("ready");

    assertThat(chat("flaky").status()).isEqualTo(500); // allowed_fails 0: the first failure cools it down

    wait.until(d -> "cooling".equals(stateOf("flaky-1"))); // the page reads the router state every few seconds
    WebElement cell = row("flaky-1").findElement(By.cssSelector("td.router-state"));
    assertThat(cell.getText()).contains("Cooling down").contains("500 InternalServerError")
        .contains("1 failure this minute");
    assertThat(stateOf("mock-priced-1")).isEqualTo("ready");
    chromium.screenshot("models-04-cooling-down");

    // a per-row connection test reaches the deployment anyway, and says why it fails
    row("flaky-1").findElement(By.xpath(".//button[text()='Test']")).click();
    wait.until(d -> "unhealthy".equals(healthOf("flaky-1")));
    assertThat(row("flaky-1").findElement(By.cssSelector("td.health")).getText())
        .contains("InternalServerError: upstream exploded").doesNotContain("sk-ui-config-secret");
  }

  @Test
  void aViewerSeesModelsAndRouterStateButNoControls() {
    String viewer = http.post("/user/new", MASTER,
        "{\"user_id\": \"models-viewer\", \"user_role\": \"proxy_admin_viewer\"}").json().get("key").asText();
    openModelsAs(viewer);

    assertThat(row("flaky-1").findElements(By.tagName("button"))).isEmpty();
    assertThat(driver.findElements(By.id("add-model"))).isEmpty();
    assertThat(driver.findElements(By.id("run-health"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("td.health"))).isEmpty(); // it may not run health checks
    wait.until(d -> stateOf("mock-priced-1") != null);
    assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("null").doesNotContain("undefined");
    chromium.screenshot("models-05-viewer");
  }

  @Test
  void theAddDialogWorksByKeyboardAndShowsTheApisErrors() {
    openModelsAs(MASTER);
    WebElement add = wait.until(ExpectedConditions.elementToBeClickable(By.id("add-model")));
    add.sendKeys(Keys.ENTER);
    WebElement dialog = openDialog();
    WebElement name = driver.switchTo().activeElement();
    assertThat(name.getDomAttribute("name")).isEqualTo("model_name");
    assertThat(driver.findElement(By.cssSelector("label[for='" + name.getDomAttribute("id") + "']")).getText())
        .isEqualTo("Model name");
    name.sendKeys("bad-provider");
    dialog.findElement(By.name("model")).sendKeys("nosuchprovider/some-model");
    click(By.id("model-save"));
    WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("dialog[open] [role=alert]")));
    assertThat(refused.getText()).contains("nosuchprovider"); // the API's own 400, readable in the dialog

    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
    assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("add-model"); // focus returned
    assertThat(driver.findElements(By.cssSelector("tr[data-model-name='bad-provider']"))).isEmpty();
  }

  private static void openModelsAs(String key) {
    driver.get(gw.url("/ui/"));
    WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("key")));
    input.clear();
    input.sendKeys(key);
    input.submit();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#nav a[href='#/models']"))).click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Models"));
    row("mock-priced-1");
  }

  private static WebElement openDialog() {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
  }

  private static WebElement row(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-model-id='" + id + "']")));
  }

  private static WebElement rowNamed(String name) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr[data-model-name='" + name + "']")));
  }

  private static List<String> buttons(WebElement row) {
    return row.findElements(By.tagName("button")).stream().map(WebElement::getText).toList();
  }

  /** The health cell's state: unknown, checking, healthy or unhealthy. */
  private static String healthOf(String id) {
    return row(id).findElement(By.cssSelector("td.health [data-health]")).getDomAttribute("data-health");
  }

  /** The router cell's state (ready or cooling), or null before the first poll answered. */
  private static String stateOf(String id) {
    List<WebElement> badge = row(id).findElements(By.cssSelector("td.router-state [data-state]"));
    return badge.isEmpty() ? null : badge.get(0).getDomAttribute("data-state");
  }

  private static void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  private static Http.Reply chat(String model) {
    return http.post("/v1/chat/completions", MASTER,
        "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
  }
}
