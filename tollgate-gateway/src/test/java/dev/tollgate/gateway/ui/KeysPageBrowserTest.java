package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.DashboardPage;
import dev.tollgate.gateway.support.HeadlessChromium;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The Virtual keys page's edit and regenerate dialogs in headless Chromium against a gateway on loopback: an edited
 * budget shows in the list and in /key/info; a regenerated key is shown once and the old one is refused by
 * /v1/chat/completions; and the edit dialog works by keyboard alone (focus moves in, Tab is trapped, Escape closes
 * and gives focus back, Enter saves) with every control labelled and the API's own error message shown.
 * Screenshots go to target/ui-screenshots/.
 */
class KeysPageBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static RunningGateway gw;
  private static HeadlessChromium chromium;
  private static DashboardPage ui;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start();
    gw = RunningGateway.start("/ui/ui-pages-config.yaml");
    ui = new DashboardPage(chromium, gw);
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

  private static String newKey(String alias) {
    Http.Reply r = http.post("/key/generate", MASTER, "{\"key_alias\": \"" + alias + "\", \"max_budget\": 1}");
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    return r.json().get("key").asText();
  }

  private static JsonNode info(String key) {
    return http.get("/key/info?key=" + key, MASTER).json().get("info");
  }

  private static int chat(String key) {
    return http.post("/v1/chat/completions", key, "{\"model\": \"mock-priced\", \"messages\": [{\"role\": \"user\", "
        + "\"content\": \"keys page " + System.nanoTime() + "\"}]}").status();
  }

  @Test
  void anEditedBudgetShowsInTheListAndTheKeysSettings() {
    String key = newKey("edit-me");
    ui.openAs(MASTER, "Virtual keys");
    ui.keyRow("edit-me").findElement(By.xpath(".//button[text()='Edit']")).click();
    WebElement dialog = ui.dialog();
    assertThat(dialog.findElement(By.name("max_budget")).getDomProperty("value")).isEqualTo("1");
    set(dialog, "max_budget", "7.5");
    set(dialog, "budget_duration", "30d");
    set(dialog, "rpm_limit", "60");
    set(dialog, "max_parallel_requests", "3");
    set(dialog, "tags", "team-a, batch");
    set(dialog, "metadata", "{\"owner\": \"keys-page\"}");
    dialog.findElement(By.cssSelector("input[name=models][value=mock-cheap]")).click();
    dialog.findElement(By.cssSelector("input[name=guardrails][value=email-mask]")).click();
    chromium.screenshot("keys-01-edit-dialog");
    ui.click(By.id("edit-key-submit"));
    ui.dialogClosed();
    ui.await().until(d -> ui.keyRow("edit-me").getText().contains("$7.5000 per 30d"));
    assertThat(ui.keyRow("edit-me").getText()).contains("60 rpm").contains("mock-cheap");
    assertThat(ui.visible(By.cssSelector("[role=status].notice")).getText()).contains("edit-me saved");
    chromium.screenshot("keys-02-edited-in-list");

    JsonNode stored = info(key);
    assertThat(stored.get("max_budget").asDouble()).isEqualTo(7.5);
    assertThat(stored.get("budget_duration").asText()).isEqualTo("30d");
    assertThat(stored.get("rpm_limit").asLong()).isEqualTo(60);
    assertThat(stored.get("max_parallel_requests").asInt()).isEqualTo(3);
    assertThat(stored.get("models").toString()).isEqualTo("[\"mock-cheap\"]");
    assertThat(stored.get("tags").toString()).isEqualTo("[\"team-a\",\"batch\"]");
    assertThat(stored.at("/metadata/owner").asText()).isEqualTo("keys-page");
    assertThat(stored.at("/metadata/guardrails").toString()).isEqualTo("[\"email-mask\"]");
    assertThat(stored.get("key_alias").asText()).isEqualTo("edit-me"); // untouched fields are not sent
  }

  @Test
  void aRegeneratedKeyIsShownOnceAndTheOldOneIsRefused() {
    String old = newKey("rotate-me");
    assertThat(chat(old)).isEqualTo(200);
    ui.openAs(MASTER, "Virtual keys");
    ui.keyRow("rotate-me").findElement(By.xpath(".//button[text()='Regenerate']")).click();
    WebElement confirm = ui.dialog();
    assertThat(confirm.getText()).contains("Regenerate rotate-me?").contains("refused at once");
    assertThat(ui.focused().getText()).isEqualTo("Cancel"); // the safe choice has focus
    confirm.findElement(By.xpath(".//button[text()='Regenerate key']")).click();
    WebElement shown = ui.visible(By.id("new-key-value"));
    String fresh = shown.getDomProperty("value");
    assertThat(fresh).startsWith("sk-").isNotEqualTo(old);
    assertThat(ui.dialog().getText()).contains("regenerated").contains("shown only once");
    ui.click(By.id("copy-key"));
    ui.await().until(d -> !d.findElement(By.cssSelector("dialog[open] [role=status]")).getText().isEmpty());
    chromium.screenshot("keys-03-regenerated-key-shown-once");
    ui.click(By.xpath("//dialog[@open]//button[text()='Done']"));
    ui.dialogClosed();
    assertThat(chromium.driver().getPageSource()).doesNotContain(fresh);

    assertThat(chat(old)).isEqualTo(401);
    assertThat(chat(fresh)).isEqualTo(200);
    assertThat(info(fresh).get("key_alias").asText()).isEqualTo("rotate-me");
    assertThat(info(fresh).get("max_budget").asDouble()).isEqualTo(1.0); // settings move to the new secret
  }

  @Test
  void theEditDialogWorksByKeyboardAloneWithLabelsAndReadableErrors() {
    String key = newKey("kbd-key");
    ui.openAs(MASTER, "Virtual keys");
    ui.keyRow("kbd-key");
    WebElement edit = tabTo("Edit kbd-key", 80);
    press(Keys.ENTER);
    ui.dialog();
    assertThat(ui.focused().getDomAttribute("name")).isEqualTo("key_alias"); // focus moved in
    Object unlabelled = ui.script("return [...document.querySelectorAll('dialog[open] input, dialog[open] select, "
        + "dialog[open] textarea')].filter((el) => el.labels.length === 0).map((el) => el.name)");
    assertThat((java.util.List<?>) unlabelled).isEmpty();

    // Tab is trapped: back from the first control is the last (Save), and on from Save is the first again
    new Actions(chromium.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    assertThat(ui.focused().getDomAttribute("id")).as(ui.focused().getDomProperty("outerHTML"))
        .isEqualTo("edit-key-submit");
    press(Keys.TAB);
    assertThat(ui.focused().getDomAttribute("name")).isEqualTo("key_alias");

    // Escape closes without saving and gives focus back to Edit
    tabToField("max_budget");
    selectAll();
    press("99");
    press(Keys.ESCAPE);
    ui.dialogClosed();
    assertThat(ui.focused()).isEqualTo(edit);
    assertThat(info(key).get("max_budget").asDouble()).isEqualTo(1.0);

    // a value the API refuses: its own message shows in the dialog, which stays open
    press(Keys.ENTER);
    ui.dialog();
    tabToField("budget_duration");
    press("forever", Keys.ENTER);
    WebElement error = ui.visible(By.cssSelector("dialog[open] [role=alert]"));
    assertThat(error.getText()).contains("budget_duration").doesNotContain("[object");
    chromium.screenshot("keys-04-keyboard-api-error");

    // fixed by keyboard and saved with Enter
    selectAll();
    press("7d");
    tabToField("max_budget");
    selectAll();
    press("12", Keys.ENTER);
    ui.dialogClosed();
    ui.await().until(d -> ui.keyRow("kbd-key").getText().contains("$12.0000 per 7d"));
    assertThat(info(key).get("max_budget").asDouble()).isEqualTo(12.0);
  }

  private static void set(WebElement dialog, String name, String value) {
    WebElement input = dialog.findElement(By.name(name));
    input.clear();
    input.sendKeys(value);
  }

  private static void selectAll() {
    new Actions(chromium.driver()).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).perform();
  }

  private static void press(CharSequence... keys) {
    new Actions(chromium.driver()).sendKeys(keys).perform();
  }

  /** Presses Tab until the control with this aria-label has focus (at most {@code limit} times). */
  private static WebElement tabTo(String ariaLabel, int limit) {
    for (int i = 0; i < limit; i++) {
      press(Keys.TAB);
      WebElement now = ui.focused();
      if (ariaLabel.equals(now.getDomAttribute("aria-label"))) {
        return now;
      }
    }
    throw new AssertionError("Tab never reached " + ariaLabel);
  }

  /** Presses Tab until the dialog's field {@code name} has focus; the trap keeps the walk inside the dialog. */
  private static void tabToField(String name) {
    for (int i = 0; i < 40; i++) {
      if (name.equals(ui.focused().getDomAttribute("name"))) {
        return;
      }
      assertThat(ui.script("return document.querySelector('dialog[open]').contains(document.activeElement)"))
          .isEqualTo(true);
      press(Keys.TAB);
    }
    throw new AssertionError("Tab never reached the field " + name);
  }
}
