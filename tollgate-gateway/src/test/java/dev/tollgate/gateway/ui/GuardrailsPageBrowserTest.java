package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.DashboardDriver;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's Guardrails page in headless Chromium against a gateway on loopback (ui/guardrails-ui-config.yaml):
 * a keywords guardrail added in the form, tried in the "Try it" box (blocked), enforced on a chat call and counted,
 * edited and deleted; a viewer's read-only view; the form by keyboard with the API's refusal; the metrics module.
 * Screenshots go to target/ui-screenshots/guardrails-*.png.
 */
class GuardrailsPageBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final String ROW = "tr[data-guardrail-name='%s']";
  private static RunningGateway gw;
  private static DashboardDriver ui;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/ui/guardrails-ui-config.yaml");
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

  @AfterEach
  void logOut() {
    ui.logOut();
  }

  private static void openGuardrailsAs(String key) {
    ui.logIn(key);
    ui.navigate("guardrails");
    ui.heading("Guardrails");
    ui.row(String.format(ROW, "pii-mask"));
  }

  private static String row(String name) {
    return String.format(ROW, name);
  }

  private static List<String> buttons(String name) {
    return ui.row(row(name)).findElements(By.tagName("button")).stream().map(WebElement::getText).toList();
  }

  private static Http.Reply chat(String text) {
    return http.post("/v1/chat/completions", MASTER,
        "{\"model\": \"mock\", \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}");
  }

  /** Runs the "Try it" box and returns the verdict element once it is in. */
  private static WebElement tryIt(String guardrail, String text) {
    new Select(ui.visible(By.id("try-guardrail"))).selectByValue(guardrail);
    WebElement box = ui.visible(By.id("try-text"));
    box.clear();
    box.sendKeys(text);
    ui.click(By.id("try-run"));
    return ui.waiting().until(d -> {
      List<WebElement> v = d.findElements(By.cssSelector("#try-result [data-verdict]"));
      return v.isEmpty() ? null : v.get(0);
    });
  }

  @Test
  void aKeywordsGuardrailAddedInThePageBlocksTheTryBoxAndTheNextChatUntilDeleted() {
    openGuardrailsAs(MASTER);
    assertThat(ui.row(row("pii-mask")).getText()).contains("Config").contains("read-only")
        .contains("masks e-mail addresses").contains("tollgate/pii");
    assertThat(buttons("pii-mask")).isEmpty(); // a config guardrail is changed in the file
    assertThat(chat("tell me about project zeus").status()).isEqualTo(200);

    ui.click(By.id("add-guardrail"));
    WebElement dialog = ui.dialog();
    assertThat(ui.focused().getDomAttribute("name")).isEqualTo("guardrail_name");
    ui.type("guardrail_name", "no-zeus-ui");
    ui.choose("guardrail", "tollgate/keywords");
    ui.type("keywords", "project zeus\nthunderbolt");
    ui.tick("default_on");
    ui.type("description", "codenames stay in house");
    assertThat(dialog.getText()).doesNotContain("undefined").doesNotContain("null");
    ui.screenshot("guardrails-01-add-form");
    ui.submitAndClose("guardrail-save");

    String added = ui.rowText(row("no-zeus-ui"), "API");
    assertThat(added).contains("tollgate/keywords").contains("pre_call").contains("Yes").contains("No runs yet")
        .contains("codenames stay in house");
    assertThat(buttons("no-zeus-ui")).containsExactly("Edit", "Delete");
    assertThat(ui.notice()).contains("no-zeus-ui added");
    ui.screenshot("guardrails-02-added");

    // the "Try it" box: blocked, with the gateway's message
    WebElement blocked = tryIt("no-zeus-ui", "what is project zeus?");
    assertThat(blocked.getDomAttribute("data-verdict")).isEqualTo("blocked");
    assertThat(blocked.getText()).contains("Blocked").contains("Violated guardrail policy").contains("no-zeus-ui")
        .contains("BANNED_KEYWORD");
    ui.screenshot("guardrails-03-try-blocked");
    WebElement masked = tryIt("pii-mask", "write to jane@example.com");
    assertThat(masked.getDomAttribute("data-verdict")).isEqualTo("masked");
    assertThat(masked.getText()).contains("write to <EMAIL_ADDRESS>");
    assertThat(tryIt("no-zeus-ui", "a harmless text").getDomAttribute("data-verdict")).isEqualTo("passed");

    // a chat call is blocked at once, and counted on the page
    Http.Reply refused = chat("tell me about project zeus");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error().get("message").asText()).contains("no-zeus-ui");
    ui.driver().navigate().refresh();
    ui.heading("Guardrails");
    assertThat(ui.rowText(row("no-zeus-ui"), "1 blocked")).contains("1 run · 1 blocked");

    // edit: the form comes back filled in; drop default_on and change the words
    ui.rowAction(row("no-zeus-ui"), "Edit");
    ui.dialog();
    assertThat(ui.dialog().findElement(By.name("keywords")).getDomProperty("value"))
        .isEqualTo("project zeus\nthunderbolt");
    assertThat(ui.dialog().findElement(By.name("default_on")).isSelected()).isTrue();
    ui.dialog().findElement(By.name("default_on")).click();
    ui.screenshot("guardrails-04-edit-form");
    ui.submitAndClose("guardrail-save");
    ui.rowText(row("no-zeus-ui"), "No");
    assertThat(chat("tell me about project zeus").status()).as("no longer default_on").isEqualTo(200);
    JsonNode stored = Json.tree(http.get("/guardrails/" + ui.row(row("no-zeus-ui")).getDomAttribute(
        "data-guardrail-id"), MASTER).json().toString().getBytes(StandardCharsets.UTF_8));
    assertThat(stored.at("/litellm_params/default_on").asBoolean()).isFalse();
    assertThat(stored.at("/litellm_params/keywords/1").asText()).isEqualTo("thunderbolt");
    assertThat(stored.at("/guardrail_info/description").asText()).isEqualTo("codenames stay in house");

    // delete behind a confirmation
    ui.rowAction(row("no-zeus-ui"), "Delete");
    assertThat(ui.dialog().getText()).contains("Delete no-zeus-ui?");
    ui.confirm("Delete guardrail");
    ui.gone(row("no-zeus-ui"));
    assertThat(http.get("/v2/guardrails/list", MASTER).json().toString()).doesNotContain("no-zeus-ui");
    assertThat(http.post("/v1/chat/completions", MASTER, "{\"model\": \"mock\", \"guardrails\": [\"no-zeus-ui\"], "
        + "\"messages\": [{\"role\": \"user\", \"content\": \"project zeus\"}]}").status()).isEqualTo(200);
    ui.screenshot("guardrails-05-deleted");
  }

  @Test
  void aViewerSeesTheGuardrailsAndMayTryThemButNotChangeThem() {
    String viewer = http.post("/user/new", MASTER, "{\"user_id\": \"guardrails-viewer\", "
        + "\"user_role\": \"proxy_admin_viewer\"}").json().get("key").asText();
    openGuardrailsAs(viewer);
    assertThat(ui.driver().findElements(By.id("add-guardrail"))).isEmpty();
    assertThat(ui.driver().findElements(By.cssSelector("#guardrails-list button"))).isEmpty();
    assertThat(tryIt("pii-mask", "jane@example.com").getText()).contains("<EMAIL_ADDRESS>");
    assertThat(ui.driver().findElement(By.tagName("main")).getText()).doesNotContain("undefined");
    ui.screenshot("guardrails-06-viewer");
  }

  @Test
  void theFormWorksByKeyboardAndShowsTheApisRefusal() {
    openGuardrailsAs(MASTER);
    WebElement add = ui.visible(By.id("add-guardrail"));
    add.sendKeys(Keys.ENTER);
    ui.dialog();
    WebElement name = ui.focused();
    assertThat(name.getDomAttribute("name")).isEqualTo("guardrail_name");
    assertThat(ui.driver().findElement(By.cssSelector("label[for='" + name.getDomAttribute("id") + "']")).getText())
        .isEqualTo("Name");
    for (WebElement control : ui.dialog().findElements(By.cssSelector("input, select, textarea"))) {
      String id = control.getDomAttribute("id");
      boolean labelled = (id != null && !ui.driver().findElements(By.cssSelector("label[for='" + id + "']")).isEmpty())
          || !control.findElements(By.xpath("ancestor::label")).isEmpty();
      assertThat(labelled).as("a label for " + control.getDomAttribute("name")).isTrue();
    }
    name.sendKeys("too-open");
    ui.choose("guardrail", "tollgate/max_input"); // neither limit given: the gateway refuses it
    String refusal = ui.submitRefused("guardrail-save");
    assertThat(refusal).contains("tollgate/max_input needs 'max_tokens' or 'max_chars'");
    ui.screenshot("guardrails-07-refused");

    ui.escape();
    ui.closed();
    assertThat(ui.focused().getDomAttribute("id")).isEqualTo("add-guardrail"); // focus returned
    assertThat(ui.driver().findElements(By.cssSelector(row("too-open")))).isEmpty();
  }

  @Test
  void theMetricsModuleSumsRunsPerGuardrail() {
    ui.logIn(MASTER);
    JsonNode r = Json.tree(((String) ui.driver().executeAsyncScript(Http.fixture("/ui/guardrail-metrics-check.js")))
        .getBytes(StandardCharsets.UTF_8));
    assertThat(r.has("error")).as(r.toString()).isFalse();
    assertThat(r.get("names").toString()).isEqualTo("[\"no-zeus\",\"say \\\"hi\\\", please\"]");
    assertThat(r.at("/zeus/total").asInt()).isEqualTo(12);
    assertThat(r.at("/zeus/blocked").asInt()).isEqualTo(3);
    assertThat(r.get("zeusText").asText()).isEqualTo("12 runs · 3 blocked · 2 masked");
    assertThat(r.get("quoted").asText()).isEqualTo("1 run · 1 timeout");
    assertThat(r.get("none").asText()).isEqualTo("No runs yet");
  }
}
