package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.DashboardPage;
import dev.tollgate.gateway.support.HeadlessChromium;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Logs page in headless Chromium: filtering by status on the server shows the failed call (a mock rate-limit
 * error) with its error in the detail view; the detail of a repeated request (to a deployment on the fake upstream)
 * shows the cache hit, the default-on
 * guardrail that masked an e-mail address, and the stored prompt. Screenshots go to target/ui-screenshots/.
 */
class LogsPageBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final String PROMPT = "{\"model\": \"gpt-fake\", \"messages\": [{\"role\": \"user\", "
      + "\"content\": \"write to ada@example.com\"}]}";
  private static RunningGateway gw;
  private static HeadlessChromium chromium;
  private static DashboardPage ui;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start();
    gw = RunningGateway.start("/ui/ui-pages-config.yaml");
    ui = new DashboardPage(chromium, gw);
    Http http = new Http(gw);
    String key = http.post("/key/generate", MASTER, "{\"key_alias\": \"logs-key\"}").json().get("key").asText();
    assertThat(http.post("/v1/chat/completions", key, PROMPT).status()).isEqualTo(200);
    assertThat(http.post("/v1/chat/completions", key, PROMPT).status()).isEqualTo(200); // answered from the cache
    Http.Reply failed = http.post("/v1/chat/completions", key, "{\"model\": \"mock-cheap\", \"num_retries\": 0, "
        + "\"mock_response\": \"litellm.RateLimitError\", \"messages\": [{\"role\": \"user\", \"content\": \"no\"}]}");
    assertThat(failed.status()).as(failed.json().toString()).isEqualTo(429);
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

  private static WebElement details(WebElement row) {
    row.findElement(By.xpath(".//button[text()='Details']")).click();
    return ui.dialog();
  }

  private static String fact(WebElement dialog, String name) {
    return dialog.findElement(By.cssSelector("dd[data-fact='" + name + "']")).getText();
  }

  private static void close(WebElement dialog) {
    dialog.findElement(By.xpath(".//button[text()='Close']")).click();
    ui.dialogClosed();
  }

  @Test
  void theStatusFilterShowsTheFailedCallAndItsError() {
    ui.openAs(MASTER, "Virtual keys");
    ui.navigate("logs", "Logs");
    ui.searchUntil("Filter logs", By.cssSelector("#logs-list tr[data-request-id]"), 3);
    new Select(chromium.driver().findElement(By.name("status"))).selectByVisibleText("Failure");
    ui.await().until(d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("#logs-list tr[data-request-id]"));
      return rows.size() == 1 && "failure".equals(rows.get(0).getDomAttribute("data-status"));
    });
    WebElement row = ui.visible(By.cssSelector("#logs-list tr[data-request-id]"));
    assertThat(row.getText()).contains("mock-cheap").contains("failure").contains("logs-key");
    assertThat(ui.visible(By.cssSelector("#logs-list caption")).getText()).startsWith("1 request");
    chromium.screenshot("logs-01-failures");
    WebElement dialog = details(row);
    assertThat(ui.visible(By.id("log-error")).getText()).contains("429");
    assertThat(fact(dialog, "Status")).isEqualTo("failure");
    assertThat(fact(dialog, "Retries")).isEqualTo("0");
    close(dialog);
  }

  @Test
  void theDetailOfARepeatedRequestShowsTheCacheHitTheGuardrailAndThePrompt() {
    ui.openAs(MASTER, "Virtual keys");
    ui.navigate("logs", "Logs");
    new Select(chromium.driver().findElement(By.name("status"))).selectByVisibleText("Success");
    List<WebElement> rows = ui.searchUntil("Filter logs", By.cssSelector("#logs-list tr[data-status=success]"), 2);
    assertThat(chromium.driver().findElements(By.cssSelector("#logs-list tr[data-status=failure]"))).isEmpty();
    WebElement newest = rows.get(0); // newest first: the repeat, answered from the cache
    assertThat(newest.getText()).contains("hit");
    WebElement dialog = details(newest);
    assertThat(fact(dialog, "Cache")).isEqualTo("hit");
    assertThat(fact(dialog, "Cost")).isEqualTo("$0");
    assertThat(fact(dialog, "Model group")).isEqualTo("gpt-fake");
    assertThat(fact(dialog, "Key alias")).isEqualTo("logs-key");
    assertThat(fact(dialog, "Duration")).endsWith(" ms");
    WebElement guardrails = ui.visible(By.id("log-guardrails"));
    assertThat(guardrails.getText()).contains("email-mask").contains("pre_call").contains("masked")
        .contains("EMAIL_ADDRESS");
    assertThat(dialog.getText()).contains("Prompt").doesNotContain("ada@example.com"); // stored as masked
    chromium.screenshot("logs-02-detail-cache-guardrail");
    close(dialog);

    WebElement first = rows.get(1); // the first call went to the deployment
    dialog = details(first);
    assertThat(fact(dialog, "Cache")).isEqualTo("miss");
    assertThat(fact(dialog, "Provider")).isEqualTo("openai");
    assertThat(fact(dialog, "API base")).startsWith("http://127.0.0.1:");
    assertThat(fact(dialog, "Deployment id")).isNotEqualTo("—");
    assertThat(fact(dialog, "Retries")).isEqualTo("0");
    assertThat(fact(dialog, "Cost")).startsWith("$").isNotEqualTo("$0");
    assertThat(ui.visible(By.id("log-guardrails")).getText()).contains("email-mask");
    close(dialog);
  }
}
