package dev.stagecraft.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

/**
 * The web dashboard in headless Chromium (Debian's {@code chromium} through its {@code chromedriver}; paths from
 * {@code -Dstagecraft.chromium} / {@code -Dstagecraft.chromedriver}), against the four services: sign in through the
 * form, create an environment through the UI and see it turn RUNNING without a reload (notifier-service's WebSocket),
 * promote it with the keyboard, read its page (the driver's link, spec with the secret masked, steps, diff), find a
 * review staging, use the matrix 400 px wide. Screenshots go to {@code e2e-tests/target/screenshots/} (a build artefact).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardE2E {

    static final String APP = "webshop";
    static final String SECRET_VALUE = "s3cret-value-never-shown";
    static final Duration LIVE = Duration.ofSeconds(120);

    static StagecraftCluster cluster;
    static ChromeDriver browser;
    static Path screenshots;

    @BeforeAll
    static void start() throws IOException {
        cluster = StagecraftCluster.start();
        screenshots = Files.createDirectories(cluster.repo.resolve("e2e-tests/target/screenshots"));
        Clients.Response registered = Clients.send(
                "POST", cluster.command.baseUrl() + "/api/v1/applications", """
                {"name":"%s","driver":"noop","driverSettings":{"delay":"2s","url":"https://webshop.example.com/"},
                 "defaults":{"LOG_LEVEL":"info"},"secretDefaults":{"API_KEY":"%s"},
                 "pipeline":[{"environment":"development"},{"environment":"qa"},
                             {"environment":"prod","requiresApproval":true}]}""".formatted(APP, SECRET_VALUE));
        assertThat(registered.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Clients.send("GET", cluster.query.baseUrl() + "/api/v1/applications/" + APP, null)
                                .status()
                        == 200);
        browser = chromium();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            Path logs = Files.createDirectories(cluster.repo.resolve("e2e-tests/target/e2e-logs"));
            Files.writeString(
                    logs.resolve("chromium-console.log"),
                    browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .map(Object::toString)
                            .collect(Collectors.joining("\n")));
            browser.quit();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void noActionWithoutSigningInAndAWrongTokenIsRefusedWithTheApiSentence() {
        browser.get(cluster.query.baseUrl() + "/");
        eventually().until(() -> !browser.findElements(By.id("secret")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("[data-key]"))).isEmpty();

        browser.findElement(By.id("secret")).sendKeys("sc_not-a-token", Keys.ENTER);

        eventually()
                .untilAsserted(() ->
                        assertThat(text(".signin .error")).contains("not valid").contains("token"));
    }

    @Test
    @Order(2)
    void signsInWithAnApiTokenAndSeesTheApplications() {
        WebElement secret = browser.findElement(By.id("secret"));
        secret.clear();
        secret.sendKeys(Clients.ADMIN_TOKEN);
        click(".signin button[type=submit]");

        eventually().untilAsserted(() -> assertThat(text("#who-name")).startsWith("admin"));
        eventually().untilAsserted(() -> assertThat(text("main h1")).isEqualTo("Applications"));
        click("main a[href='#/apps/" + APP + "']");
        eventually()
                .untilAsserted(() ->
                        assertThat(text("[data-stage=development] .status")).isEqualTo("NOT DEPLOYED"));
        eventually().untilAsserted(() -> assertThat(text("#live")).isEqualTo("Live"));
    }

    @Test
    @Order(3)
    void createsAnEnvironmentThroughTheUiAndSeesItTurnRunningLive() {
        script("window.stagecraftNotReloaded = true");
        click("[data-key='create']");
        type("field-name", "Bad_Name");
        type("field-version", "1.0.0");
        click("#action-confirm");
        eventually()
                .untilAsserted(() -> assertThat(text("#action-error"))
                        .startsWith("command environment.create is invalid: name must be a DNS-1123 label"));

        type("field-name", "development");
        click("#action-confirm");
        eventually().until(() -> !browser.findElement(By.id("action")).isDisplayed());

        eventually()
                .untilAsserted(() ->
                        assertThat(text("[data-stage=development] .status")).isEqualTo("RUNNING"));
        assertThat(text("[data-stage=development] [data-version]")).isEqualTo("1.0.0");
        assertThat(script("return window.stagecraftNotReloaded === true"))
                .as("the matrix changed without a reload")
                .isEqualTo(true);
        assertThat(text("#live")).as("refreshed by events, not by polling").isEqualTo("Live");
        assertThat(Integer.parseInt(browser.findElement(By.id("live")).getAttribute("data-events")))
                .isPositive();
    }

    @Test
    @Order(4)
    void promotesItWithTheKeyboard() throws IOException {
        WebElement promote = tabTo("promote-development");
        assertThat(promote.getAttribute("aria-label")).isEqualTo("Promote 1.0.0 from development");
        promote.sendKeys(Keys.ENTER);
        eventually().until(() -> browser.findElement(By.id("action")).isDisplayed());
        assertThat(browser.findElement(By.id("field-version")).getAttribute("value"))
                .isEqualTo("1.0.0");
        browser.findElement(By.id("action-confirm")).sendKeys(Keys.ENTER);

        eventually().untilAsserted(() -> {
            assertThat(text("[data-stage=qa] .status")).isEqualTo("RUNNING");
            assertThat(text("[data-stage=qa] [data-version]")).isEqualTo("1.0.0");
        });
        assertThat(text("#notice")).contains("promoting 1.0.0");
        assertThat(text("[data-stage=qa] .by")).startsWith("by admin");
        assertThat(script("return window.stagecraftNotReloaded === true")).isEqualTo(true);
        screenshot("dashboard-promoted.png");
    }

    @Test
    @Order(5)
    void theEnvironmentPageShowsItsSpecStepsAndDiffWithSecretsMasked() {
        click("[data-stage=qa] h3 a");
        eventually().untilAsserted(() -> assertThat(text("main h1")).isEqualTo(APP + "/qa"));
        eventually().untilAsserted(() -> assertThat(text(".facts")).contains("1.0.0"));
        assertThat(text("tr.secret")).contains("API_KEY").contains("******");
        assertThat(browser.getPageSource()).doesNotContain(SECRET_VALUE);
        eventually().untilAsserted(() -> assertThat(text("ul.links a")).isEqualTo("application"));
        WebElement appLink = browser.findElement(By.cssSelector("ul.links a"));
        assertThat(appLink.getDomAttribute("href")).isEqualTo("https://webshop.example.com/");
        assertThat(appLink.getDomAttribute("rel")).isEqualTo("noopener");

        click(".deployment button");
        eventually().untilAsserted(() -> assertThat(text(".timeline")).contains("apply"));
        assertThat(browser.findElements(By.cssSelector(".timeline [data-step=DONE]")))
                .isNotEmpty();
        eventually().untilAsserted(() -> assertThat(text("main")).contains("level with development"));
        assertThat(text(".deployment .line")).contains("SUCCEEDED").contains("by admin");
    }

    @Test
    @Order(6)
    void aReviewStagingIsFoundBySearchWithItsTtl() {
        browser.get(cluster.query.baseUrl() + "/#/apps/" + APP);
        eventually().untilAsserted(() -> assertThat(text("main h1")).isEqualTo(APP));
        click("[data-key='create']");
        type("field-name", "review-42");
        type("field-version", "2.0.0-rc1");
        type("field-ttl", "PT2H");
        type("field-tags", "review, checkout");
        type("field-description", "the new checkout");
        click("#action-confirm");
        eventually()
                .untilAsserted(
                        () -> assertThat(text("[data-environment=review-42]")).contains("RUNNING"));

        click("nav a[href='#/stagings']");
        eventually().untilAsserted(() -> assertThat(text("main h1")).isEqualTo("Review stagings"));
        type("search", "checkout");
        eventually()
                .untilAsserted(() -> assertThat(text("main .sub")).isEqualTo("1 review staging matching “checkout”"));
        assertThat(text("[data-environment='" + APP + "/review-42']"))
                .contains("PT2H")
                .contains("the new checkout")
                .contains("in 2 h");
        type("search", "nothing-like-this");
        eventually().untilAsserted(() -> assertThat(text("main .sub")).startsWith("0 review stagings"));
    }

    @Test
    @Order(7)
    void archivesAndRestoresItFromItsPage() {
        browser.get(cluster.query.baseUrl() + "/#/apps/" + APP + "/review-42");
        eventually().untilAsserted(() -> assertThat(text("main h1")).isEqualTo(APP + "/review-42"));
        click("[data-key='archive']");
        assertThat(text("#action-title")).isEqualTo("Archive " + APP + "/review-42?");
        click("#action-confirm");
        eventually().untilAsserted(() -> assertThat(text("main .title .badge")).isEqualTo("ARCHIVED"));

        click("[data-key='restore']");
        click("#action-confirm");
        eventually().untilAsserted(() -> assertThat(text("main .title .badge")).isEqualTo("RUNNING"));

        click("[data-key='cleanup']");
        click("#action-confirm");
        eventually()
                .untilAsserted(() -> assertThat(text("#action-error"))
                        .contains("review-42 is RUNNING")
                        .contains("cannot be cleaned up"));
        click("#action-cancel");
    }

    @Test
    @Order(8)
    void locksAndUnlocksAStageInTheMatrix() {
        click("main a[href='#/apps/" + APP + "']");
        eventually().untilAsserted(() -> assertThat(text("main h1")).isEqualTo(APP));
        click("[data-key='lock-development']");
        type("field-reason", "release freeze");
        click("#action-confirm");
        eventually()
                .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("[data-stage=development] .lock")))
                        .singleElement()
                        .satisfies(lock -> assertThat(lock.getText()).contains("locked by admin: release freeze")));

        click("[data-key='unlock-development']");
        click("#action-confirm");
        eventually()
                .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("[data-stage=development] .lock")))
                        .isEmpty());
    }

    /**
     * prod requires approval: the requester cannot approve (the API's sentence shows in the dialog); another user,
     * signed in with Basic auth (user name and password), can.
     */
    @Test
    @Order(9)
    void aPromotionIntoProdWaitsForAnotherUsersApproval() throws IOException {
        Clients.Response bob = Clients.send("POST", cluster.command.baseUrl() + "/api/v1/users", """
                {"name":"bob","roles":[{"role":"approver"}],"password":"correct-horse-battery"}""");
        assertThat(bob.status()).isBetween(200, 201);
        click("[data-key='promote-qa']");
        click("#action-confirm");
        eventually()
                .untilAsserted(() -> assertThat(text("[data-stage=prod] .waiting"))
                        .contains("Awaiting approval (1)")
                        .contains("1.0.0 asked by admin"));
        screenshot("dashboard.png");

        click("[data-stage=prod] [data-key^=approve-]");
        click("#action-confirm");
        eventually()
                .untilAsserted(
                        () -> assertThat(text("#action-error"))
                                .isEqualTo(
                                        "admin requested this deployment; someone else with the approver role must approve it"));
        click("#action-cancel");

        click("#sign-out");
        eventually().until(() -> !browser.findElements(By.id("secret")).isEmpty());
        type("user", "bob");
        type("secret", "correct-horse-battery");
        click(".signin button[type=submit]");
        eventually().untilAsserted(() -> assertThat(text("#who-name")).isEqualTo("bob (approver)"));
        eventually().untilAsserted(() -> assertThat(text("main h1")).isEqualTo(APP));

        click("[data-stage=prod] [data-key^=approve-]");
        type("field-comment", "looks good");
        click("#action-confirm");
        eventually().untilAsserted(() -> {
            assertThat(text("[data-stage=prod] .status")).isEqualTo("RUNNING");
            assertThat(text("[data-stage=prod] [data-version]")).isEqualTo("1.0.0");
        });
    }

    @Test
    @Order(10)
    void updatesDevelopmentSeesTheDiffWithQaAndRollsBack() throws IOException {
        browser.get(cluster.query.baseUrl() + "/#/apps/" + APP + "/development");
        eventually().untilAsserted(() -> assertThat(text("main h1")).isEqualTo(APP + "/development"));
        click("[data-key='update']");
        type("field-version", "1.1.0");
        click("#action-confirm");
        eventually().untilAsserted(() -> {
            assertThat(text("main .title .badge")).isEqualTo("RUNNING");
            assertThat(text(".facts dd")).as("version running").isEqualTo("1.1.0");
        });

        new Select(browser.findElement(By.id("compare-with"))).selectByValue("qa");
        eventually().untilAsserted(() -> {
            assertThat(texts(".diff dt")).startsWith("Version in qa", "Version in development");
            assertThat(texts(".diff dd")).startsWith("1.0.0", "1.1.0");
            assertThat(text(".diff")).contains("PATCH /api/v1/applications/" + APP + "/environments/development");
        });
        click(".deployment button");
        eventually().untilAsserted(() -> assertThat(text(".timeline")).contains("apply"));
        screenshot("dashboard-environment.png");

        click("[data-key='rollback']");
        click("#action-confirm");
        eventually().untilAsserted(() -> {
            assertThat(text(".facts dd")).as("version running").isEqualTo("1.0.0");
            assertThat(text(".deployment .line")).contains("1.1.0 → 1.0.0");
        });
    }

    @Test
    @Order(11)
    void theMatrixStaysUsableFourHundredPixelsWide() throws IOException {
        browser.manage().window().setSize(new Dimension(400, 900));
        browser.get(cluster.query.baseUrl() + "/#/apps/" + APP);
        eventually()
                .untilAsserted(() -> assertThat(text("[data-stage=qa] .status")).isEqualTo("RUNNING"));

        assertThat(script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing wider than the window")
                .isEqualTo(true);
        WebElement promote = tabTo("promote-qa");
        assertThat(promote.isDisplayed()).isTrue();
        assertThat(promote.getRect().getX() + promote.getRect().getWidth()).isLessThanOrEqualTo(400);
        screenshot("dashboard-narrow.png");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static ChromeDriver chromium() {
        String binary = System.getProperty("stagecraft.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("stagecraft.chromedriver", "/usr/bin/chromedriver");
        assertThat(Path.of(binary))
                .as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run installs it)")
                .isExecutable();
        assertThat(Path.of(driver)).as("Debian's chromedriver").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(driver).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().implicitlyWait(Duration.ZERO);
        return chrome;
    }

    /** Presses Tab from the top of the page until the button with {@code data-key} has the focus. */
    static WebElement tabTo(String key) {
        script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
        Actions keyboard = new Actions(browser);
        for (int presses = 0; presses < 60; presses++) {
            keyboard.sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            if (key.equals(focused.getAttribute("data-key"))) {
                return focused;
            }
        }
        throw new AssertionError("Tab never reached the button " + key);
    }

    /** Waits for what the dashboard shows live (re-rendered as events arrive, so elements may go stale). */
    static ConditionFactory eventually() {
        return await().atMost(LIVE).ignoreExceptions();
    }

    /** Clicks the element, again if a live re-render replaced it in between. */
    static void click(String css) {
        eventually().until(() -> {
            browser.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    static void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream()
                .map(element -> element.getText().strip())
                .toList();
    }

    static Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    static void screenshot(String name) throws IOException {
        Files.write(screenshots.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
