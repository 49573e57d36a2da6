package dev.tollgate.gateway.support;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Steps the dashboard's browser tests share: log in, wait for a page, follow the nav, find a key's row, read what
 * has focus. One per test class, around its {@link HeadlessChromium} and {@link RunningGateway}.
 */
public final class DashboardPage {
  private final ChromeDriver driver;
  private final RunningGateway gw;
  private final WebDriverWait wait;

  public DashboardPage(HeadlessChromium chromium, RunningGateway gw) {
    this.driver = chromium.driver();
    this.gw = gw;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class); // lists re-render after each action
  }

  public WebDriverWait await() {
    return wait;
  }

  /** Opens {@code /ui} and logs in with {@code key}; waits for the first page's heading. */
  public void openAs(String key, String heading) {
    driver.get(gw.url("/ui/"));
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    driver.get(gw.url("/ui/"));
    WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("key")));
    input.sendKeys(key);
    input.submit();
    heading(heading);
  }

  public void heading(String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
  }

  public void navigate(String page, String heading) {
    click(By.cssSelector("#nav a[href='#/" + page + "']"));
    heading(heading);
  }

  public void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  public WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public WebElement keyRow(String alias) {
    return visible(By.cssSelector("tr[data-key-alias='" + alias + "']"));
  }

  /** The open dialog. */
  public WebElement dialog() {
    return visible(By.cssSelector("dialog[open]"));
  }

  public void dialogClosed() {
    wait.until(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
  }

  public WebElement focused() {
    return driver.switchTo().activeElement();
  }

  /**
   * Submits {@code form} (by its aria-label) until at least {@code atLeast} {@code rows} show, for rows the spend
   * writer has yet to flush; never while a search is still on its way ({@code aria-busy}), so the rows returned are
   * the last search's.
   */
  public List<WebElement> searchUntil(String formLabel, By rows, int atLeast) {
    return wait.until(d -> {
      if (!d.findElements(By.cssSelector("main [aria-busy=true]")).isEmpty()) {
        return null;
      }
      List<WebElement> found = d.findElements(rows);
      if (found.size() >= atLeast) {
        return found;
      }
      d.findElement(By.cssSelector("form[aria-label='" + formLabel + "'] button[type=submit]")).click();
      return null;
    });
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }
}
