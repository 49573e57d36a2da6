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
 * The Usage page in headless Chromium after one call to each of two mock models by a team's key (one tagged): the
 * breakdown by model lists both with their requests, the chart is drawn, the other dimensions (key, team,
 * provider, tag) name what made the calls, and Export CSV holds what is shown. Screenshots go to
 * target/ui-screenshots/.
 */
class UsagePageBrowserTest {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static RunningGateway gw;
  private static HeadlessChromium chromium;
  private static DashboardPage ui;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start();
    gw = RunningGateway.start("/ui/ui-pages-config.yaml");
    ui = new DashboardPage(chromium, gw);
    Http http = new Http(gw);
    assertThat(http.post("/team/new", MASTER, "{\"team_id\": \"team-usage\", \"team_alias\": \"Usage Team\"}")
        .status()).isEqualTo(200);
    String key = http.post("/key/generate", MASTER, "{\"key_alias\": \"usage-key\", \"team_id\": \"team-usage\"}")
        .json().get("key").asText();
    for (String body : List.of(
        "{\"model\": \"mock-priced\", \"messages\": [{\"role\": \"user\", \"content\": \"usage one\"}]}",
        "{\"model\": \"mock-cheap\", \"tags\": [\"nightly\"], \"messages\": [{\"role\": \"user\", \"content\": "
            + "\"usage two\"}]}")) {
      Http.Reply r = http.post("/v1/chat/completions", key, body);
      assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    }
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

  private static WebElement group(String name) {
    return ui.visible(By.cssSelector("#usage-breakdown tr[data-group='" + name + "']"));
  }

  private static void breakDownBy(String label) {
    new Select(chromium.driver().findElement(By.name("dimension"))).selectByVisibleText(label);
  }

  @Test
  void twoModelsShowInTheBreakdownTheChartAndTheCsv() throws Exception {
    ui.openAs(MASTER, "Virtual keys");
    ui.navigate("usage", "Usage");
    // rows are written within the 1 s flush interval: search again until both models are there
    ui.searchUntil("Date range", By.cssSelector("#usage-breakdown tr[data-group]"), 2);
    assertThat(group("mock-priced").getText()).contains("mock-priced").contains(" 1 ");
    assertThat(group("mock-cheap").getText()).contains("mock-cheap").contains(" 1 ");
    assertThat(chromium.driver().findElements(By.cssSelector("#usage-chart canvas"))).isNotEmpty();
    assertThat(ui.visible(By.cssSelector("#usage-chart .legend")).getText()).contains("mock-priced", "mock-cheap");
    assertThat(ui.visible(By.id("usage-top-keys")).getText()).contains("usage-key");
    assertThat(ui.visible(By.id("usage-top-teams")).getText()).contains("Usage Team");
    chromium.screenshot("usage-01-by-model");

    // the CSV is the breakdown on screen: one line per day and model
    ui.script("window.__csv = null; const make = URL.createObjectURL;"
        + "URL.createObjectURL = (blob) => { window.__csv = blob; return make(blob); };");
    ui.click(By.id("usage-csv"));
    String csv = (String) chromium.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const wait = () => window.__csv ? window.__csv.text().then(done) : setTimeout(wait, 50); wait();");
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    assertThat(csv.split("\r?\n")).hasSize(3);
    assertThat(csv.replace("\r\n", "\n")).startsWith("day,model,requests,failures,total_tokens,spend_usd\n")
        .contains(today + ",mock-priced,1,0,").contains(today + ",mock-cheap,1,0,");

    breakDownBy("Key");
    assertThat(group("usage-key").getText()).contains(" 2 ");
    breakDownBy("Team");
    assertThat(group("Usage Team").getText()).contains(" 2 ");
    breakDownBy("Provider");
    assertThat(group("mock").getText()).contains(" 2 ");
    breakDownBy("Tag");
    assertThat(group("nightly").getText()).contains(" 1 ");
    chromium.screenshot("usage-02-by-tag");

    new Select(chromium.driver().findElement(By.name("metric"))).selectByVisibleText("Requests");
    breakDownBy("Model");
    ui.await().until(d -> d.findElement(By.cssSelector("#usage-chart figcaption")).getText()
        .startsWith("Requests per day by model"));
    chromium.screenshot("usage-03-requests-by-model");
  }

  @Test
  void thePagesModulesPivotTheActivityStackTheChartAndSendOnlyChangedKeyFields() throws Exception {
    chromium.driver().get(gw.url("/ui/"));
    com.fasterxml.jackson.databind.JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        (String) chromium.driver().executeAsyncScript(Http.fixture("/ui/usage-data-check.js")));
    assertThat(r.path("error").isMissingNode()).as(r.toString()).isTrue();
    assertThat(r.get("totals").toString()).isEqualTo("[{\"day\":\"2026-01-01\",\"requests\":3,\"failures\":1,"
        + "\"tokens\":30,\"spend\":3},{\"day\":\"2026-01-02\",\"requests\":0,\"failures\":0,\"tokens\":0,"
        + "\"spend\":0},{\"day\":\"2026-01-03\",\"requests\":1,\"failures\":0,\"tokens\":5,\"spend\":4}]");
    // most spent first (the server names a row without a model group by its model)
    assertThat(r.get("models").toString()).isEqualTo("[\"x:1:4\",\"g2:2:2\",\"g1:1:1\"]");
    assertThat(r.get("providers").toString()).isEqualTo("[\"openai:2\",\"mock:2\"]");
    // keys by their alias, a key without one by the start of its hash
    assertThat(r.get("keys").toString()).isEqualTo("[\"one:2\",\"k2hash0123…:2\"]");
    // what the teams do not cover is the calls without a team
    assertThat(r.get("teams").toString()).isEqualTo("[\"(no team):3:6\",\"A:1:1\"]");
    assertThat(r.get("series").toString()).isEqualTo("[{\"name\":\"x\",\"values\":[0,0,4]},"
        + "{\"name\":\"g2\",\"values\":[2,0,0]},{\"name\":\"Other\",\"values\":[1,0,0]}]");
    assertThat(r.get("stacked").toString()).isEqualTo("[{\"name\":\"x\",\"values\":[0,0,4]},"
        + "{\"name\":\"g2\",\"values\":[2,0,4]},{\"name\":\"Other\",\"values\":[3,0,4]}]");
    // only what changed, null to clear; a changed metadata carries the key's guardrails along
    assertThat(r.get("edit").toString()).isEqualTo("{\"key\":\"hash\",\"max_budget\":null,"
        + "\"metadata\":{\"owner\":\"y\"},\"guardrails\":[\"g\"]}");
    // per-model limits compare in one form (a legacy bare-number budget is its 28d window): unchanged sends nothing
    assertThat(r.get("unchanged").toString()).isEqualTo("{\"key\":\"hash\"}");
    assertThat(r.get("limits").toString()).isEqualTo("{\"key\":\"hash\",\"disable_global_guardrails\":true,"
        + "\"model_tpm_limit\":{\"m\":100},\"guardrails\":null}");
    assertThat(r.get("created").toString()).isEqualTo("{\"key_alias\":\"n\"}"); // unset fields are not sent
  }
}
