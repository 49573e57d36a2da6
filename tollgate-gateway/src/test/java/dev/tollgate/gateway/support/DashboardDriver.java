package dev.tollgate.gateway.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in {@link HeadlessChromium} against one {@link RunningGateway}, with the steps the page tests repeat
 * (log in, go to a page, fill and submit a dialog, find a table row), each waiting for the page rather than sleeping.
 * Lists re-render after every action, so waits ignore stale elements.
 */
public final class DashboardDriver implements AutoCloseable {
  private final HeadlessChromium chromium;
  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private final RunningGateway gw;

  private DashboardDriver(HeadlessChromium chromium, RunningGateway gw) {
    this.chromium = chromium;
    this.driver = chromium.driver();
    this.gw = gw;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** A browser for {@code gw}; fails (CI) or skips (elsewhere) without Chromium, as {@link HeadlessChromium} does. */
  public static DashboardDriver start(RunningGateway gw) {
    return new DashboardDriver(HeadlessChromium.start(), gw);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public WebDriverWait waiting() {
    return wait;
  }

  /** Opens the dashboard logged out and logs in with {@code key}. */
  public void logIn(String key) {
    driver.get(gw.url("/ui/"));
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    driver.navigate().refresh();
    WebElement input = visible(By.name("key"));
    input.clear();
    input.sendKeys(key);
    input.submit();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
  }

  /** Forgets the session (the next test logs in again). */
  public void logOut() {
    driver.get(gw.url("/ui/"));
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
  }

  public void heading(String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
  }

  /** Follows the nav link of {@code page} (its hash, e.g. "teams"). */
  public void navigate(String page) {
    click(By.cssSelector("#nav a[href='#/" + page + "']"));
  }

  public List<String> navLabels() {
    return driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
  }

  public void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  public WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** The open modal dialog. */
  public WebElement dialog() {
    return visible(By.cssSelector("dialog[open]"));
  }

  /** Types {@code text} into the open dialog's field {@code name}, replacing what it held. */
  public void type(String name, String text) {
    WebElement input = dialog().findElement(By.name(name));
    input.clear();
    if (!text.isEmpty()) {
      input.sendKeys(text);
    }
  }

  /** Chooses the option with {@code value} in the open dialog's select {@code name}. */
  public void choose(String name, String value) {
    new Select(dialog().findElement(By.name(name))).selectByValue(value);
  }

  /** Ticks the checkbox {@code name} with {@code value} in the open dialog. */
  public void tick(String name, String value) {
    tickBox(dialog().findElement(By.cssSelector("input[type=checkbox][name='" + name + "'][value='" + value + "']")));
  }

  /** Ticks the open dialog's single checkbox {@code name} (a yes/no field). */
  public void tick(String name) {
    tickBox(dialog().findElement(By.cssSelector("input[type=checkbox][name='" + name + "']")));
  }

  private static void tickBox(WebElement box) {
    if (!box.isSelected()) {
      box.click();
    }
  }

  /** Clicks the dialog's submit button {@code id} and waits until the dialog has closed. */
  public void submitAndClose(String id) {
    click(By.id(id));
    closed();
  }

  /** Clicks the dialog's submit button {@code id} and returns the error the dialog then shows (it stays open). */
  public String submitRefused(String id) {
    click(By.id(id));
    return visible(By.cssSelector("dialog[open] [role=alert]")).getText();
  }

  /** Presses the confirmation dialog's button labelled {@code label}. */
  public void confirm(String label) {
    dialog().findElement(By.xpath(".//button[text()='" + label + "']")).click();
    closed();
  }

  public void closed() {
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
  }

  /** Escape on the focused element (closes an open dialog). */
  public void escape() {
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
  }

  /** The visible table row matching {@code css} (e.g. {@code tr[data-team-alias='core']}). */
  public WebElement row(String css) {
    return visible(By.cssSelector(css));
  }

  /** Waits until no element matches {@code css}. */
  public void gone(String css) {
    wait.until(d -> d.findElements(By.cssSelector(css)).isEmpty());
  }

  /** Clicks the button labelled {@code label} inside the row matching {@code css}. */
  public void rowAction(String css, String label) {
    wait.until(d -> {
      d.findElement(By.cssSelector(css)).findElement(By.xpath(".//button[text()='" + label + "']")).click();
      return true;
    });
  }

  /** The text of the row matching {@code css}, once it contains {@code expected}. */
  public String rowText(String css, String expected) {
    return wait.until(d -> {
      String text = d.findElement(By.cssSelector(css)).getText();
      return text.contains(expected) ? text : null;
    });
  }

  /** Waits until the element matching {@code css} reads exactly {@code text}. */
  public void textIs(String css, String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector(css), text));
  }

  /** The element that has the focus. */
  public WebElement focused() {
    return driver.switchTo().activeElement();
  }

  /** The status message the page shows after an action. */
  public String notice() {
    return visible(By.cssSelector("main .notice")).getText();
  }

  public Path screenshot(String name) {
    return chromium.screenshot(name);
  }

  @Override
  public void close() {
    chromium.close();
  }
}
