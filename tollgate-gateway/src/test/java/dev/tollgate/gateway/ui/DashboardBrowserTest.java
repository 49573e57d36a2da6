package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.gateway.support.HeadlessChromium;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end in headless Chromium against a gateway on loopback: log in, create a key in the UI and
 * use it with the OpenAI SDK, find its spend in the logs and usage pages, block it in the UI and see the SDK
 * refused; and what a viewer and an internal user are offered. Screenshots go to target/ui-screenshots/.
 */
class DashboardBrowserTest {
  private static RunningGateway gw;
  private static HeadlessChromium chromium;
  private static org.openqa.selenium.chrome.ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start();
    driver = chromium.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // lists re-render after each action
    gw = RunningGateway.start("/ui/ui-config.yaml");
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
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
  }

  @Test
  void aKeyCreatedInTheUiWorksShowsItsSpendAndIsRefusedOnceBlockedInTheUi() throws Exception {
    driver.get(gw.url("/ui"));
    logIn("sk-not-a-key");
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
    assertThat(error.getText()).contains("Invalid proxy server token");
    assertThat(driver.executeScript("return sessionStorage.getItem('tollgate.key')")).isNull();

    logIn(RunningGateway.MASTER_KEY);
    waitForHeading("Virtual keys");
    assertThat(driver.getCurrentUrl()).endsWith("/ui#/keys").doesNotContain(RunningGateway.MASTER_KEY);
    assertThat(navLabels()).containsExactly("Virtual keys", "Usage", "Logs", "Playground", "Teams", "Users",
        "Organizations", "Customers", "Budgets", "Models", "Guardrails");

    // create a key in the UI; the new key is shown once
    click(By.id("create-key"));
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
    assertThat(driver.switchTo().activeElement().getAttribute("name")).isEqualTo("key_alias"); // focus moved in
    dialog.findElement(By.name("key_alias")).sendKeys("ui-e2e");
    dialog.findElement(By.cssSelector("input[name=models][value=mock-priced]")).click();
    dialog.findElement(By.name("max_budget")).sendKeys("5");
    dialog.findElement(By.name("rpm_limit")).sendKeys("100");
    dialog.findElement(By.name("duration")).sendKeys("forever");
    click(By.id("create-key-submit"));
    WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("dialog[open] [role=alert]")));
    assertThat(refused.getText()).contains("duration"); // the API's own 400 message, shown in the dialog
    dialog.findElement(By.name("duration")).clear();
    dialog.findElement(By.name("tags")).sendKeys("e2e, ui");
    dialog.findElement(By.name("metadata")).sendKeys("{\"owner\": \"ui-test\"}");
    chromium.screenshot("01-create-key-form");
    click(By.id("create-key-submit"));
    WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value")));
    String key = shown.getDomProperty("value");
    assertThat(key).startsWith("sk-").hasSizeGreaterThan(20);
    chromium.screenshot("02-new-key-shown-once");
    click(By.xpath("//dialog[@open]//button[text()='Done']"));
    WebElement row = keyRow("ui-e2e");
    assertThat(row.getText()).contains("Active").contains("mock-priced").contains("$5.0000").contains("100 rpm");
    assertThat(driver.getPageSource()).doesNotContain(key); // shown once: not in the list

    JsonCheck stored = JsonCheck.of(new Http(gw).get("/key/info?key=" + key, RunningGateway.MASTER_KEY).json());
    assertThat(stored.text("info", "key_alias")).isEqualTo("ui-e2e");
    assertThat(stored.strings("info", "tags")).containsExactly("e2e", "ui");
    assertThat(stored.text("info", "metadata", "owner")).isEqualTo("ui-test");

    // the key works with the OpenAI SDK
    OpenAIClient sdk = sdk(key);
    try {
      ChatCompletion reply = sdk.chat().completions().create(chat());
      assertThat(reply.choices()).isNotEmpty();

      // its spend shows in the logs (written within the 1 s flush interval) ...
      navigate("logs");
      waitForHeading("Logs");
      driver.findElement(By.name("api_key")).sendKeys(key);
      WebElement logRow = wait.until(d -> { // search again until the row is written; no search after it shows
        List<WebElement> rows = d.findElements(By.cssSelector("#logs-list tr[data-request-id]"));
        if (rows.isEmpty()) {
          d.findElement(By.cssSelector("form[aria-label='Filter logs'] button[type=submit]")).click();
          return null;
        }
        return rows.get(0);
      });
      assertThat(logRow.getText()).contains("mock-priced").contains("success");
      String cost = logRow.findElement(By.cssSelector("td.spend")).getText();
      assertThat(cost).startsWith("$").isNotEqualTo("$0");
      chromium.screenshot("03-logs");
      logRow.findElement(By.tagName("button")).click();
      WebElement details = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
      assertThat(details.getText()).contains(logRow.getDomAttribute("data-request-id")).contains("mock-priced");
      details.findElement(By.xpath(".//button[text()='Close']")).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));

      // ... and in the usage page's total and chart
      navigate("usage");
      waitForHeading("Usage");
      // the page's total is the sum of every row the API lists for the range (other tests' calls included),
      // compared once both read the same written rows
      wait.until(d -> {
        List<WebElement> total = d.findElements(By.id("usage-total"));
        if (!total.isEmpty() && total.get(0).getText().equals(apiSpendThisWeek())) {
          return true;
        }
        d.findElement(By.cssSelector("form[aria-label='Date range'] button[type=submit]")).click();
        return false;
      });
      assertThat(Double.parseDouble(driver.findElement(By.id("usage-total")).getText().substring(1)))
          .isGreaterThanOrEqualTo(Double.parseDouble(cost.substring(1)));
      assertThat(driver.findElement(By.cssSelector("tr[data-day='" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
          + "'] td.spend")).getText()).isNotEqualTo("$0");
      assertThat(driver.findElements(By.cssSelector("#usage-chart canvas"))).isNotEmpty();
      assertThat(driver.findElement(By.id("usage-csv")).isEnabled()).isTrue();
      chromium.screenshot("04-usage");

      // block it in the UI: the SDK's next request is refused
      navigate("keys");
      waitForHeading("Virtual keys");
      keyRow("ui-e2e").findElement(By.xpath(".//button[text()='Block']")).click();
      wait.until(d -> keyRow("ui-e2e").getText().contains("Blocked"));
      chromium.screenshot("05-key-blocked");
      assertThatThrownBy(() -> sdk.chat().completions().create(chat()))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("Key is blocked");
    } finally {
      sdk.close();
    }

    // delete it behind a confirmation: cancel keeps it, confirm removes it
    keyRow("ui-e2e").findElement(By.xpath(".//button[text()='Delete']")).click();
    WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
    assertThat(confirm.getText()).contains("Delete ui-e2e?");
    assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Cancel"); // the safe choice has focus
    confirm.findElement(By.xpath(".//button[text()='Cancel']")).click();
    assertThat(keyRow("ui-e2e").isDisplayed()).isTrue();
    keyRow("ui-e2e").findElement(By.xpath(".//button[text()='Delete']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")))
        .findElement(By.xpath(".//button[text()='Delete key']")).click();
    wait.until(d -> d.findElements(By.cssSelector("tr[data-key-alias='ui-e2e']")).isEmpty());
    assertThat(new Http(gw).get("/key/info?key=" + key, RunningGateway.MASTER_KEY).status()).isEqualTo(404);
  }

  @Test
  void aViewerSeesKeysWithoutButtonsAndAnInternalUserOnlyTheirOwnKeys() {
    Http http = new Http(gw);
    String viewerKey = http.post("/user/new", RunningGateway.MASTER_KEY,
        "{\"user_id\": \"ui-viewer\", \"user_role\": \"proxy_admin_viewer\"}").json().get("key").asText();
    String aliceKey = http.post("/user/new", RunningGateway.MASTER_KEY,
        "{\"user_id\": \"ui-alice\", \"user_role\": \"internal_user\", \"key_alias\": \"alice-key\"}")
        .json().get("key").asText();
    http.post("/user/new", RunningGateway.MASTER_KEY,
        "{\"user_id\": \"ui-bob\", \"user_role\": \"internal_user\", \"key_alias\": \"bob-key\"}");

    driver.get(gw.url("/ui/"));
    logIn(viewerKey);
    waitForHeading("Virtual keys");
    assertThat(keyRow("alice-key").isDisplayed()).isTrue();
    assertThat(keyRow("bob-key").findElements(By.tagName("button"))).isEmpty();
    assertThat(driver.findElements(By.id("create-key"))).isEmpty();
    assertThat(driver.findElement(By.id("who")).getText()).contains("Admin viewer").contains("ui-viewer");
    chromium.screenshot("06-viewer-keys");

    click(By.id("logout"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("key")));
    logIn(aliceKey);
    waitForHeading("Your virtual keys");
    assertThat(keyRow("alice-key").findElements(By.xpath(".//button[text()='Delete']"))).hasSize(1);
    assertThat(keyRow("alice-key").findElements(By.xpath(".//button[text()='Block']"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("tr[data-key-alias='bob-key']"))).isEmpty();
    assertThat(driver.findElements(By.id("create-key"))).hasSize(1);
    assertThat(navLabels()).containsExactly("Virtual keys", "Usage", "Playground", "Teams", "Models", "Guardrails"); // her own usage
    chromium.screenshot("07-internal-user-keys");

    // the playground streams a reply over her key (SSE parsed from fetch's ReadableStream), then answers unstreamed
    navigate("playground");
    waitForHeading("Playground");
    wait.until(d -> !d.findElements(By.cssSelector("select[name=model] option[value=mock-priced]")).isEmpty());
    click(By.id("playground-send"));
    wait.until(d -> d.findElements(By.cssSelector("dd[data-fact=Latency]")).size() == 1);
    assertThat(driver.findElement(By.id("playground-reply")).getText()).contains("five words");
    assertThat(driver.findElement(By.cssSelector("dd[data-fact='First token']")).getText()).endsWith(" ms");
    chromium.screenshot("08-playground-stream");
    driver.findElement(By.name("stream")).click();
    click(By.id("playground-send"));
    WebElement cost = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dd[data-fact=Cost]")));
    assertThat(cost.getText()).startsWith("$").isNotEqualTo("$0"); // x-litellm-response-cost of the priced mock
    assertThat(driver.findElement(By.id("playground-reply")).getText()).contains("five words");
  }

  @Test
  void thePagesOwnModulesSumDaysWriteCsvAndParseSplitServerSentEvents() throws Exception {
    driver.get(gw.url("/ui/"));
    String script = Http.fixture("/ui/page-modules-check.js");
    com.fasterxml.jackson.databind.JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree((String) driver.executeAsyncScript(script));
    assertThat(r.path("error").isMissingNode()).as(r.toString()).isTrue();
    assertThat(r.path("days").toString()).isEqualTo("[{\"day\":\"2026-01-01\",\"requests\":0,\"failures\":0,"
        + "\"tokens\":0,\"spend\":0},{\"day\":\"2026-01-02\",\"requests\":2,\"failures\":1,\"tokens\":15,"
        + "\"spend\":0.75},{\"day\":\"2026-01-03\",\"requests\":0,\"failures\":0,\"tokens\":0,\"spend\":0}]");
    assertThat(r.path("csv").asText())
        .isEqualTo("name,n\r\nplain,1\r\n\"has, comma\",2\r\n\"has \"\"quote\"\"\",\r\n");
    assertThat(r.path("events").toString()).isEqualTo("[\"{\\\"a\\\":1}\",\"café\",\"two\\nlines\",\"[DONE]\"]");
  }

  private static void logIn(String key) {
    WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("key")));
    input.clear();
    input.sendKeys(key);
    input.submit();
  }

  private static void waitForHeading(String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
  }

  private static void navigate(String page) {
    click(By.cssSelector("#nav a[href='#/" + page + "']"));
  }

  private static void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  private static List<String> navLabels() {
    return driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
  }

  private static WebElement keyRow(String alias) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr[data-key-alias='" + alias + "']")));
  }

  /** The spend of the last seven UTC days from /spend/logs, formatted as the page formats amounts of a cent or more. */
  private static String apiSpendThisWeek() {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    double sum = 0;
    for (com.fasterxml.jackson.databind.JsonNode row : new Http(gw).get("/spend/logs?start_date=" + today.minusDays(6)
        + "&end_date=" + today + "&limit=100000", RunningGateway.MASTER_KEY).json()) {
      sum += row.path("spend").asDouble();
    }
    assertThat(sum).isGreaterThanOrEqualTo(0.01);
    return String.format(java.util.Locale.ROOT, "$%.4f", sum);
  }

  private static OpenAIClient sdk(String key) {
    return OpenAIOkHttpClient.builder().baseUrl(gw.baseUrl()).apiKey(key).maxRetries(0).build();
  }

  private static ChatCompletionCreateParams chat() {
    return ChatCompletionCreateParams.builder().model("mock-priced").addUserMessage("hello from the dashboard test")
        .build();
  }

  /** Reads nested fields of a JSON reply. */
  private record JsonCheck(com.fasterxml.jackson.databind.JsonNode node) {
    static JsonCheck of(com.fasterxml.jackson.databind.JsonNode node) {
      return new JsonCheck(node);
    }

    com.fasterxml.jackson.databind.JsonNode at(String... path) {
      com.fasterxml.jackson.databind.JsonNode n = node;
      for (String p : path) {
        n = n.path(p);
      }
      return n;
    }

    String text(String... path) {
      return at(path).asText();
    }

    List<String> strings(String... path) {
      java.util.List<String> out = new java.util.ArrayList<>();
      at(path).forEach(n -> out.add(n.asText()));
      return out;
    }
  }
}
