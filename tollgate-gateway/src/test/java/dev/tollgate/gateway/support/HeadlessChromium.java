package dev.tollgate.gateway.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Debian {@code chromium} and {@code chromium-driver} packages driven by Selenium, headless: no browser or
 * driver is ever downloaded (both paths are given, so Selenium Manager does not run). In CI ({@code CI=true}) a
 * missing browser fails the test; elsewhere the test is skipped with a message saying what to install.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

  private final ChromeDriver driver;

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts a browser, or fails (CI) / skips (elsewhere) when the Debian packages are not installed. */
  public static HeadlessChromium start() {
    boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    String missing = "headless Chromium is not installed (" + BROWSER + ", " + DRIVER
        + "): apt-get install -y chromium chromium-driver";
    if (!present) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(missing + " — .ci/run installs them; CI must run the browser tests");
      }
      Assumptions.assumeTrue(false, "skipped outside CI: " + missing);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1000", "--no-first-run", "--disable-extensions", "--remote-allow-origins=*");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    return new HeadlessChromium(driver);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Saves the page as {@code target/ui-screenshots/<name>.png} (a test artifact) and returns the file. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
