package io.bidtrack.infra.stack;

import io.bidtrack.loadgen.LoadMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The live dashboard in a real browser (Debian's headless Chromium, driven through chromedriver by
 * Selenium) on the whole local stack while {@code ./bidtrack load} sends 50 bids a second: the
 * numbers on the page move, and a screenshot is saved to {@code target/dashboard.png}.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration ROTATE = Duration.ofSeconds(2);
    private static final Duration HOT_WINDOW = Duration.ofSeconds(8);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path reports;
    @TempDir
    static Path browserProfile;
    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        requireBrowser();
        stack = LocalStack.start(new StackConfig(dataDir, HOT_WINDOW, ROTATE, StackConfig.Ports.ephemeral()));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theNumbersMoveWhileTrafficRuns() throws Exception {
        StringWriter loadOut = new StringWriter();
        StringWriter loadErr = new StringWriter();
        CompletableFuture<Integer> load = CompletableFuture.supplyAsync(() -> LoadMain.run(new PrintWriter(loadOut, true),
                new PrintWriter(loadErr, true), "--target", stack.bidderUrl() + "," + stack.trackerUrl(),
                "--kafka", stack.kafkaBootstrap(), "--redis", stack.storeUrl(), "--reports-dir", reports.toString(),
                "--delay-profile", "none", "--hot-window", "8s", "--hot-margin", "34s",
                "--rate", "50", "--duration", "15s", "--settle-quiet", "3s"));
        WebDriver browser = chromium();
        try {
            browser.get(stack.dashboardUrl() + "/");
            WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(200));
            wait.withMessage(() -> "the page should follow the stream: " + text(browser, "status"))
                    .until(b -> text(b, "status").equals("live"));
            wait.withMessage(() -> "bids/s should rise above 0, it shows " + text(browser, "bids-rate"))
                    .until(b -> number(text(b, "bids-rate")) > 0);
            long trafficSeen = System.nanoTime();
            double shownBefore = number(text(browser, "events-hot-total"));
            double hotBefore = Double.isNaN(shownBefore) ? 0 : shownBefore;

            wait.withMessage(() -> "the hot store should hold keys, it shows " + text(browser, "engine-keys"))
                    .until(b -> number(text(b, "engine-keys")) > 0);
            wait.withMessage(() -> "the sink should register a partition, it shows " + text(browser, "sink-partition"))
                    .until(b -> text(b, "sink-partition").startsWith("dt="));
            Instant now = Instant.now();
            assertTrue(Set.of(PARTITION.format(now), PARTITION.format(now.minus(Duration.ofHours(1))))
                    .contains(text(browser, "sink-partition")), "the newest partition is this hour's: " + text(browser, "sink-partition"));
            for (String source : List.of("bidder", "tracker", "coldStore", "engine")) {
                String classes = browser.findElement(By.id("source-" + source)).getAttribute("class");
                assertTrue(classes.contains("up"), source + " should show as up: " + classes);
            }

            // A few seconds apart, the HOT count has grown: the page is live, not a first picture.
            Thread.sleep(Math.max(0, 3000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - trafficSeen)));
            wait.withMessage(() -> "the HOT event count should grow past " + hotBefore + ", it shows " + text(browser, "events-hot-total"))
                    .until(b -> number(text(b, "events-hot-total")) > hotBefore);
            assertTrue(number(text(browser, "events-hot-rate")) >= 0, "events/s shows a number: " + text(browser, "events-hot-rate"));

            // Let the sparklines fill a little while the traffic still runs, then keep a picture.
            Thread.sleep(Math.max(0, 10_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - trafficSeen)));
            Path screenshot = Path.of("target", "dashboard.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page: " + screenshot.toAbsolutePath());
        } finally {
            browser.quit();
        }
        assertEquals(0, load.get(2, TimeUnit.MINUTES), "the load run: " + loadOut + "\n" + loadErr);
    }

    /** The test needs Debian's chromium and its chromedriver; without them it fails, saying what to install. */
    private static void requireBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the dashboard's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install them with 'apt-get install -y chromium chromium-driver' (as .ci/run does)");
        }
    }

    /**
     * Headless Chromium through the system's chromedriver, both named explicitly so that Selenium
     * Manager has nothing to look up or download; a fresh profile in a temporary folder.
     */
    private static WebDriver chromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(dataDir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + browserProfile);
        return new ChromeDriver(service, options);
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    /** A figure as the page shows it ({@code 1,234}, {@code 49.8}); NaN for the dash of an unknown one. */
    private static double number(String shown) {
        try {
            return Double.parseDouble(shown.replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
