package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.HeadlessChromium;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.FakeOidcProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Single sign-on in headless Chromium: "Sign in with SSO" goes through the fake OIDC provider and lands on the
 * dashboard as that user (an internal user, who sees only their own keys); logging out ends the session key on the
 * gateway; a refused sign-in is a readable page with a way back. Screenshots go to target/ui-screenshots/.
 */
class SsoLoginBrowserTest {
  private static final String CLIENT_ID = "tollgate-dashboard";
  private static final String CLIENT_SECRET = "browser-test-secret";
  private static FakeOidcProvider idp;
  private static RunningGateway gw;
  private static HeadlessChromium chromium;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start();
    driver = chromium.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    idp = FakeOidcProvider.start(CLIENT_ID, CLIENT_SECRET);
    gw = RunningGateway.start("/sso/sso-config.yaml", Map.of(
        "GENERIC_CLIENT_ID", CLIENT_ID,
        "GENERIC_CLIENT_SECRET", CLIENT_SECRET,
        "GENERIC_AUTHORIZATION_ENDPOINT", idp.authorizationEndpoint(),
        "GENERIC_TOKEN_ENDPOINT", idp.tokenEndpoint(),
        "GENERIC_USERINFO_ENDPOINT", idp.userinfoEndpoint(),
        "GENERIC_USER_ID_ATTRIBUTE", "sub",
        "GENERIC_CLIENT_USE_PKCE", "true",
        "GENERIC_ROLE_MAPPINGS_ROLES", "{\"internal_user\": [\"engineering\"]}"));
    idp.registerRedirectUris(gw.url("/sso/callback"));
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (gw != null) {
      gw.close();
    }
    if (idp != null) {
      idp.close();
    }
  }

  @AfterEach
  void forget() {
    idp.deny(null, null);
    driver.get(gw.url("/ui/"));
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
  }

  @Test
  void signInWithSsoLandsOnTheDashboardAsThatUserSeeingOnlyTheirKeys() {
    Http http = new Http(gw);
    http.post("/key/generate", RunningGateway.MASTER_KEY, "{\"user_id\": \"grace\", \"key_alias\": \"grace-key\"}");
    http.post("/key/generate", RunningGateway.MASTER_KEY, "{\"user_id\": \"linus\", \"key_alias\": \"linus-key\"}");
    idp.signInAs(Map.of("sub", "grace", "email", "grace@example.com", "name", "Grace H.",
        "groups", List.of("engineering")));

    driver.get(gw.url("/ui"));
    WebElement sso = wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-login")));
    assertThat(sso.getText()).isEqualTo("Sign in with SSO");
    assertThat(driver.findElements(By.name("key"))).hasSize(1); // the key form is still offered
    chromium.screenshot("sso-01-login-page");
    sso.click();

    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Your virtual keys"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-key-alias='grace-key']")));
    assertThat(driver.findElements(By.cssSelector("tr[data-key-alias='linus-key']"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("#keys-list tr, main tbody tr")).stream()
        .map(r -> r.getDomAttribute("data-key-alias")).filter(a -> a != null).toList()).containsExactly("grace-key");
    assertThat(driver.findElement(By.id("who")).getText()).contains("Internal user").contains("grace");
    assertThat(driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList())
        .containsExactly("Virtual keys", "Usage", "Playground", "Teams", "Models", "Guardrails");
    String key = (String) ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('tollgate.key')");
    assertThat(key).startsWith("sk-");
    assertThat(driver.getCurrentUrl()).endsWith("/ui/#/keys").doesNotContain(key);
    assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('tollgate.login')"))
        .isEqualTo("sso");
    assertThat(idp.authorizationRequests().getLast()).containsEntry("code_challenge_method", "S256");
    chromium.screenshot("sso-02-dashboard-as-grace");

    // the user was made by the login, with the role the groups claim maps to
    assertThat(http.get("/user/info?user_id=grace", RunningGateway.MASTER_KEY).json().path("user_info")
        .path("user_role").asText()).isEqualTo("internal_user");
    assertThat(http.get("/key/list", key).status()).isEqualTo(200);

    // logging out ends the session on the gateway, not just in the tab
    wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sso-login")));
    assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('tollgate.key')")).isNull();
    wait.until(d -> http.get("/key/list", key).status() == 401);
    chromium.screenshot("sso-03-logged-out");
  }

  @Test
  void aRefusedSignInIsAReadablePageWithAWayBackToTheKeyLogin() {
    idp.deny("access_denied", "The user is not assigned to this application");
    driver.get(gw.url("/ui"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-login"))).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Sign-in refused"));
    assertThat(driver.findElement(By.tagName("main")).getText())
        .contains("access_denied (The user is not assigned to this application)");
    chromium.screenshot("sso-04-refused");
    driver.findElement(By.linkText("Log in with a key")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("key")));
    assertThat(driver.getCurrentUrl()).endsWith("/ui/#/login/key");
    assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('tollgate.key')")).isNull();
  }
}
