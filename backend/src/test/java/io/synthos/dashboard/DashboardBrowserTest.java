package io.synthos.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.launcher.Role;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestInfra;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser, headless Chromium: sign in, see the page, and watch a job
 * submitted through the API appear and change state without a reload. Needs Debian's {@code
 * chromium} and {@code chromium-driver} (`.ci/run` installs them); skipped where they are absent.
 */
@Tag("integration")
@Tag("browser")
@DisplayName("The dashboard in a browser")
@Tag("slow")
class DashboardBrowserTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String DRIVER = "/usr/bin/chromedriver";
  private static final String ADMIN = "browser-admin@example.com";
  private static final String ADMIN_PASSWORD = "bootstrap-Browser-pass-91";

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          Map.of(
              "ADMIN_USER", ADMIN,
              "ADMIN_PASSWORD", ADMIN_PASSWORD,
              // Known capacity, no data service: a data.check job waits, queued, until cancelled.
              "POOL_DATA_CAPACITY", "2000:2048:0"),
          EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES, Role.DASHBOARD));

  private WebDriver browser;
  private Path profile;

  @BeforeAll
  static void adminReady() {
    // The admin is bootstrapped in the background; logging in to find out would count failures.
    await().atMost(Duration.ofSeconds(90)).until(DashboardBrowserTest::adminBootstrapped);
  }

  @BeforeEach
  void open() throws Exception {
    Assumptions.assumeTrue(
        new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute(),
        "headless Chromium and its driver are not installed");
    profile = Files.createTempDirectory("synthos-chromium");
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM)
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @DisplayName("signs in, shows the page, and follows a job live without reloading")
  void followsAJobLive() throws Exception {
    String dashboard = "http://127.0.0.1:" + node.config().admin().port();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    browser.get(dashboard + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
    browser.findElement(By.id("email")).sendKeys(ADMIN);
    browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    // The latest jobs' section (its table body is empty, so invisible, until a job exists).
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("latest")));
    assertThat(browser.findElement(By.id("resources")).getText()).contains("Pool");
    // Marks this page: a reload would lose the mark.
    ((JavascriptExecutor) browser).executeScript("window.synthosMark = 'still here';");

    // A job that waits (no data service on this node), then is cancelled through the API.
    String token = node.newAccessToken();
    HttpProbe.Response submitted =
        HttpProbe.postJson(
            node.url("/api/v1/jobs"),
            new JsonObject()
                .put("type", "data.check")
                .put("priority", "express")
                .put(
                    "payload",
                    new JsonObject().put("dataset_id", TestDatasets.recorded(node, token))),
            "Authorization",
            "Bearer " + token);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    String job = submitted.json().getString("id");
    By row = By.cssSelector("tr[data-job-id='" + job + "']");
    By state = By.cssSelector("tr[data-job-id='" + job + "'] [data-field=state]");
    wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    assertThat(browser.findElement(state).getText()).isIn("queued", "running");
    // The row was added live, with where the job stands in the queue.
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("tr[data-job-id='" + job + "'] [data-field=priority]"), "express"));
    // The queue counts follow without a reload: one express job is waiting or running.
    wait.until(driver -> expressLiveJobs(driver) >= 1);
    assertThat(browser.findElements(By.cssSelector("#nodes [data-field=state]")))
        .extracting(WebElement::getText)
        .contains("up");

    HttpProbe.Response cancelled =
        HttpProbe.post(
            node.url("/api/v1/jobs/" + job + "/cancel"), "", "Authorization", "Bearer " + token);
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(state, "cancelled"));

    assertThat(((JavascriptExecutor) browser).executeScript("return window.synthosMark;"))
        .isEqualTo("still here");
    assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();
    Path screenshot = Path.of("target", "dashboard.png");
    Files.createDirectories(screenshot.getParent());
    Files.copy(
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
        screenshot,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(screenshot)).isPositive();
  }

  private static int expressLiveJobs(WebDriver driver) {
    int jobs = 0;
    for (String queueState : new String[] {"queued", "running"}) {
      String text =
          driver
              .findElement(
                  By.cssSelector(
                      "#queue-counts tr[data-state=" + queueState + "] [data-priority=express]"))
              .getText();
      jobs += Integer.parseInt(text.trim());
    }
    return jobs;
  }

  private static boolean adminBootstrapped() {
    return TestInfra.isAdmin(node.config().database().url(), ADMIN);
  }
}
