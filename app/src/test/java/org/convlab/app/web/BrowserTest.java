package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
 * The explorer in a real browser: Debian's Chromium, headless, driven by Selenium through
 * Debian's chromedriver (both paths given, so nothing is downloaded). One browser for the class.
 * Screenshots go to {@code target/screenshots/}.
 *
 * <p>Without {@code /usr/bin/chromium} the tests are skipped, unless the environment variable
 * {@code CONVLAB_REQUIRE_BROWSER=1} is set (as {@code .ci/run} does): then they fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path tmp;

    static TestServer server;
    static WebDriver driver;
    static WebDriverWait wait;
    static Path report;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String why = "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver): "
                    + CHROMIUM + " " + (Files.isExecutable(CHROMIUM) ? "found" : "missing") + ", " + CHROMEDRIVER + " "
                    + (Files.isExecutable(CHROMEDRIVER) ? "found" : "missing");
            if ("1".equals(System.getenv("CONVLAB_REQUIRE_BROWSER"))) {
                throw new AssertionError("CONVLAB_REQUIRE_BROWSER=1 but " + why);
            }
            Assumptions.abort("browser tests skipped: " + why);
        }
        report = tmp.resolve("report");
        Files.createDirectories(report);
        // saved models trained a few steps in the test: the lab's CNN, a pooled one, one of stride 8, an MLP
        server = new TestServer(report, SavedModelFiles.all(Files.createDirectories(tmp.resolve("models"))));
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--window-size=1400,1100",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void open(String pathAndQuery) {
        driver.get("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private static WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until the page has answered the last change: no request in flight, no typing pause pending. */
    private static void settle() {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return settled()")));
    }

    /** Clicks an output element of the convolution page once the page has settled. */
    private static void clickOutput(int row) {
        settle();
        driver.findElement(By.cssSelector("#output-grid .c[data-row='" + row + "']")).click();
    }

    /** Replaces a text field's value and lets the page react (it waits 250 ms for typing to pause). */
    private static void type(String id, String text) {
        WebElement f = byId(id);
        f.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        f.sendKeys(text);
    }

    private static void waitText(String id, String text) {
        wait.until(ExpectedConditions.textToBe(By.id(id), text));
    }

    private static String expression() {
        return byId("expression").getAttribute("data-text");
    }

    /**
     * Chooses an option of a drop-down list by typing the start of its label and leaving the list
     * with Tab, as a keyboard user does (a list left open would swallow the next click).
     */
    private static void choose(String id, String label) {
        byId(id).sendKeys(label);
        byId(id).sendKeys(Keys.TAB);
        wait.until(d -> new org.openqa.selenium.support.ui.Select(byId(id)).getFirstSelectedOption().getText()
                .startsWith(label));
    }

    /** Waits for the expression box to show {@code text}; on a timeout, says what it showed. */
    private static void waitExpression(String text) {
        try {
            wait.until(d -> text.equals(expression()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected the expression " + text + ", the page shows " + expression()
                    + " (error box: '" + byId("error").getText() + "')", e);
        }
    }

    /** The 0-based index of the highlighted row of K, and its text. */
    private static WebElement selectedRow() {
        List<WebElement> rows = driver.findElements(By.cssSelector("#matrix tbody tr.selected"));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    @Order(1)
    void theWorksheetsConvolutionIsShownFirst() throws IOException {
        open("/");
        waitText("out-size", "7");
        assertThat(byId("formulas").getText()).isEqualTo(
                "n: floor((9 + 0 + 0 - 1*(3-1) - 1) / 1) + 1 = floor(6 / 1) + 1 = 7");
        assertThat(expression()).isEqualTo("y1 = k1x1 + k2x2 + k3x3");
        assertThat(selectedRow().getAttribute("data-row")).isEqualTo("0");
        assertThat(selectedRow().getText()).isEqualTo("y1 k1 k2 k3 0 0 0 0 0 0");
        assertThat(driver.findElements(By.cssSelector("#input-grid .tap"))).hasSize(3);
        assertThat(byId("cost").getText()).contains("weights 3 21\nall windows x taps; 21 weights touching real "
                + "inputs (the weights of K)\n63");
        assertThat(byId("error").isDisplayed()).isFalse();
        screenshot("explorer-convolution");
    }

    @Test
    @Order(2)
    void changingTheControlsRecomputesAndClickingAnOutputHighlightsItsRowWindowAndExpression() throws IOException {
        open("/");
        waitText("out-size", "7");
        type("padding", "same");
        waitText("out-size", "9");
        assertThat(byId("notes").getText()).contains("'same' pads n: 1 before, 1 after");
        clickOutput(8);
        waitExpression("y9 = k1x8 + k2x9");
        assertThat(selectedRow().getAttribute("data-row")).isEqualTo("8");
        assertThat(selectedRow().getText()).isEqualTo("y9 0 0 0 0 0 0 0 k1 k2");
        // the window: x8, x9 and the padded zero after them
        List<WebElement> taps = driver.findElements(By.cssSelector("#input-grid .tap"));
        assertThat(taps).extracting(e -> e.getAttribute("data-pos")).containsExactly("7", "8", "9");
        assertThat(driver.findElement(By.cssSelector("#input-grid .tap.pad")).getText()).isEqualTo("0");
        // a row of K selects too
        settle();
        driver.findElement(By.cssSelector("#matrix tbody tr[data-row='3'] td")).click();
        waitExpression("y4 = k1x3 + k2x4 + k3x5");
        assertThat(driver.getCurrentUrl()).contains("padding=same").contains("select=3");

        choose("mode", "reflect");
        clickOutput(0);
        waitExpression("y1 = k1x2 + k2x1 + k3x2");
        assertThat(byId("expression").getText()).contains("= k2x1 + (k1 + k3)x2");
        assertThat(driver.findElements(By.cssSelector("#input-grid .copy"))).isEmpty(); // x2 is a tap itself
        clickOutput(8);
        waitExpression("y9 = k1x8 + k2x9 + k3x8");
        // the tap after x9 reads a copy of x8, which is a tap itself; with replicate it copies x9
        choose("mode", "replicate");
        waitExpression("y9 = k1x8 + k2x9 + k3x9");
        assertThat(driver.findElements(By.cssSelector("#input-grid .copy"))).isEmpty();
        type("input", "2");
        type("padding", "2");
        choose("mode", "circular");
        waitText("out-size", "4");
        clickOutput(0);
        waitExpression("y1 = k1x1 + k2x2 + k3x1");
        type("padding", "0,2");
        waitText("out-size", "2");
        clickOutput(1);
        waitExpression("y2 = k1x2 + k2x1 + k3x2");
        // x1 is read only through the circular copy after x2: it is marked as copied
        assertThat(driver.findElements(By.cssSelector("#input-grid .copy")))
                .extracting(e -> e.getAttribute("data-pos")).containsExactly("0");
        screenshot("explorer-convolution-reflect");
    }

    @Test
    @Order(3)
    void twoDimensionalInputsAndUnsharedWeights() throws IOException {
        open("/?input=4x4&kernel=2");
        waitText("out-size", "3 x 3");
        assertThat(driver.findElements(By.cssSelector("#matrix tbody tr"))).hasSize(9);
        assertThat(driver.findElements(By.cssSelector("#matrix thead th[data-col]"))).hasSize(16);
        clickOutput(4);
        waitExpression("y[2,2] = k[1,1]x[2,2] + k[1,2]x[2,3] + k[2,1]x[3,2] + k[2,2]x[3,3]");
        assertThat(driver.findElements(By.cssSelector("#input-grid .tap")))
                .extracting(e -> e.getAttribute("data-pos")).containsExactly("1,1", "1,2", "2,1", "2,2");
        choose("weights", "unshared");
        waitExpression("y[2,2] = k17x[2,2] + k18x[2,3] + k19x[3,2] + k20x[3,3]");
        assertThat(byId("k-shape").getText()).contains("9 x 16, unshared: 36 weights, all windows x taps; 36 weights touching real inputs");
        screenshot("explorer-convolution-2d");
    }

    @Test
    @Order(3)
    void channelsFiltersAndGroupsDrawKAsBlocks() throws IOException {
        open("/?input=4&channels=4&filters=2&groups=2&kernel=2");
        waitText("out-size", "2 x 3");
        assertThat(driver.findElements(By.cssSelector("#input-grid .plane"))).hasSize(4);
        assertThat(driver.findElements(By.cssSelector("#output-grid .plane"))).hasSize(2);
        // 2 filters x 4 channels: blocks of 3 x 4; each filter's group is 2 channels, the rest shaded
        assertThat(driver.findElements(By.cssSelector("#matrix thead th.bl"))).hasSize(3);
        assertThat(driver.findElements(By.cssSelector("#matrix tbody tr.bt"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#matrix td.off"))).hasSize(2 * 3 * 8);
        assertThat(driver.findElements(By.cssSelector("#matrix td.off.w"))).isEmpty();
        assertThat(byId("k-blocks").getText()).contains("K is 2 x 4 blocks of 3 x 4").contains("block-diagonal");
        clickOutput(3);
        waitExpression("y[2,1] = k[2,1,1]x[3,1] + k[2,1,2]x[3,2] + k[2,2,1]x[4,1] + k[2,2,2]x[4,2]");
        assertThat(selectedRow().getAttribute("data-row")).isEqualTo("3");
        for (int ch = 0; ch < 4; ch++) {
            assertThat(driver.findElements(By.cssSelector("#input-grid .plane[data-channel='" + ch + "'] .tap")))
                    .as("taps on channel " + (ch + 1)).hasSize(ch >= 2 ? 2 : 0);
        }
        assertThat(driver.findElements(By.cssSelector("#input-grid .plane[data-channel='2'] .tap")))
                .extracting(e -> e.getAttribute("title")).containsExactly("x[3,1]", "x[3,2]");
        screenshot("explorer-convolution-groups");
        // one group: every filter sees every channel, no block is zero
        type("groups", "1");
        wait.until(d -> d.findElements(By.cssSelector("#matrix td.off")).isEmpty());
        settle();
        clickOutput(3);
        waitExpression("y[2,1] = k[2,1,1]x[1,1] + k[2,1,2]x[1,2] + k[2,2,1]x[2,1] + k[2,2,2]x[2,2] + k[2,3,1]x[3,1] "
                + "+ k[2,3,2]x[3,2] + k[2,4,1]x[4,1] + k[2,4,2]x[4,2]");
        assertThat(driver.findElements(By.cssSelector("#input-grid .tap"))).hasSize(8);
        assertThat(driver.getCurrentUrl()).contains("channels=4").contains("filters=2").doesNotContain("groups");
        // 2-D with channels: a plane per channel, the hovered output's window on each
        open("/?input=3x3&channels=2&kernel=2");
        waitText("out-size", "1 x 2 x 2");
        clickOutput(3);
        waitExpression("y[2,2] = k[1,1,1]x[1,2,2] + k[1,1,2]x[1,2,3] + k[1,2,1]x[1,3,2] + k[1,2,2]x[1,3,3] "
                + "+ k[2,1,1]x[2,2,2] + k[2,1,2]x[2,2,3] + k[2,2,1]x[2,3,2] + k[2,2,2]x[2,3,3]");
        assertThat(driver.findElements(By.cssSelector("#input-grid .plane[data-channel='1'] .tap")))
                .extracting(e -> e.getAttribute("data-pos")).containsExactly("1,1", "1,2", "2,1", "2,2");
    }

    @Test
    @Order(4)
    void badValuesShowTheServersMessageAndGoodOnesClearIt() throws IOException {
        open("/");
        waitText("out-size", "7");
        type("kernel", "0");
        waitText("error", "kernel: expected a positive integer, got '0'");
        assertThat(byId("results").getAttribute("class")).contains("stale");
        type("kernel", "abc");
        waitText("error", "kernel: expected a positive integer, got 'abc'");
        type("kernel", "3");
        type("input", "100");
        waitText("error", "input: expected a length from 1 to 64, got '100'");
        screenshot("explorer-convolution-error");
        type("input", "16x16");
        type("kernel", "16");
        type("dilation", "8");
        type("padding", "full");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"),
                "input: expected a matrix K of at most 65,536 entries"));
        type("input", "12");
        type("kernel", "5");
        type("dilation", "1");
        type("padding", "valid");
        waitText("out-size", "8");
        assertThat(byId("error").isDisplayed()).isFalse();
        assertThat(byId("results").getAttribute("class")).doesNotContain("stale");
    }

    /** A checksum of the pixels of an image element, read through a canvas. */
    private static long pixels(String id) {
        Object sum = ((JavascriptExecutor) driver).executeScript(
                "const img = document.getElementById(arguments[0]);"
                        + "const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;"
                        + "const g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                        + "const d = g.getImageData(0, 0, c.width, c.height).data; let s = 0;"
                        + "for (let i = 0; i < d.length; i++) { s = (s * 31 + d[i] * (i % 7 + 1)) % 1000000007; } return s;",
                id);
        return ((Number) sum).longValue();
    }

    private static boolean loaded(String id) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "const i = document.getElementById(arguments[0]); return i.complete && i.naturalWidth === 56;", id));
    }

    private static double number(String id) {
        return Double.parseDouble(byId(id).getText());
    }

    @Test
    @Order(5)
    void movingTheSliderMovesTheImagesAndTheCnnStaysEquivariant() throws IOException {
        open("/equivariance.html");
        wait.until(d -> loaded("img-input") && loaded("img-cnn") && loaded("img-mlp"));
        waitText("err-cnn-whole", "0");
        String src = byId("img-cnn").getAttribute("src");
        long input0 = pixels("img-input");
        long cnn0 = pixels("img-cnn");
        long mlp0 = pixels("img-mlp");
        WebElement slider = byId("position");
        slider.click();
        slider.sendKeys(Keys.HOME);
        for (int i = 0; i < 9; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        waitText("position-label", "position 10 of 49: top 4, left 8");
        wait.until(d -> !byId("img-cnn").getAttribute("src").equals(src) && loaded("img-cnn")
                && byId("img-cnn").getAttribute("src").contains("position=9")
                && !byId("err-mlp-interior").getText().equals("0"));
        wait.until(d -> !byId("results").getAttribute("class").contains("stale"));
        assertThat(pixels("img-input")).isNotEqualTo(input0);
        assertThat(pixels("img-cnn")).isNotEqualTo(cnn0);
        assertThat(pixels("img-mlp")).isNotEqualTo(mlp0);
        assertThat(byId("err-cnn-interior").getText()).isEqualTo("0");
        assertThat(number("err-mlp-interior")).isGreaterThan(0.3);
        assertThat(number("err-cnn-whole")).isLessThan(number("err-mlp-whole"));
        assertThat(driver.getCurrentUrl()).contains("position=9");
        screenshot("explorer-equivariance");

        choose("example", "square");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("source"), "Image 2 (square)"));
        assertThat(byId("img-input").getAttribute("src")).contains("image=2");
    }

    @Test
    @Order(6)
    void aBadSeedShowsTheServersMessage() throws IOException {
        open("/equivariance.html");
        wait.until(d -> loaded("img-cnn"));
        type("seed", "-1");
        waitText("error", "seed: expected an integer from 0 to 2147483647, got '-1'");
        screenshot("explorer-equivariance-error");
        type("seed", "12");
        wait.until(d -> !byId("error").isDisplayed());
        assertThat(byId("img-mlp").getAttribute("src")).contains("seed=12");
    }

    /** Whether an image is drawn, {@code width} pixels wide. */
    private static boolean drawn(String id, int width) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "const i = document.getElementById(arguments[0]); return i.complete && i.naturalWidth === arguments[1];",
                id, width));
    }

    @Test
    @Order(7)
    void aSavedModelPickedOnThePageShowsItsFeatureMapsAndErrorsBesideTheUntrainedOnes() throws IOException {
        open("/equivariance.html");
        wait.until(d -> loaded("img-cnn") && loaded("img-mlp"));
        assertThat(byId("fig-trained").isDisplayed()).isFalse();
        assertThat(new org.openqa.selenium.support.ui.Select(byId("model")).getOptions()).hasSize(5);
        choose("model", "lab-cnn.ckpt");
        // the lab's CNN: 3 maps of 56 x 56 side by side, 2 pixels apart
        wait.until(d -> byId("fig-trained").isDisplayed() && drawn("img-trained", 3 * 56 + 2 * Png.GAP));
        waitText("err-trained-whole", "0");
        assertThat(byId("trained-caption").getText()).isEqualTo("conv1 \u2192 relu1 \u2192 conv2 \u2192 relu2; 3 of 3 maps of 56 x 56");
        long features0 = pixels("img-trained");
        WebElement slider = byId("position");
        slider.click();
        slider.sendKeys(Keys.HOME);
        for (int i = 0; i < 9; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        waitText("position-label", "position 10 of 49: top 4, left 8");
        wait.until(d -> byId("img-trained").getAttribute("src").contains("position=9")
                && drawn("img-trained", 3 * 56 + 2 * Png.GAP) && !byId("err-trained-whole").getText().equals("0"));
        settle();
        assertThat(pixels("img-trained")).isNotEqualTo(features0);
        double interior = byId("err-trained-interior").getText().equals("0") ? 0 : number("err-trained-interior");
        assertThat(interior).isLessThan(1e-6);
        assertThat(number("err-trained-whole")).isGreaterThan(1e-4);
        assertThat(number("err-mlp-interior")).isGreaterThan(0.3);
        assertThat(byId("trained-label").getText()).isEqualTo("saved model (margin 3)");
        assertThat(byId("trained-note").getText()).isEqualTo("Saved model: the shift (4, 8) is (4, 8) feature pixels at "
                + "total stride 1; interior margin 3 feature pixels.");
        assertThat(driver.getCurrentUrl()).contains("model=model-1").contains("position=9");
        screenshot("explorer-equivariance-trained");

        // three poolings: total stride 8, and (4, 8) is not a multiple of it
        choose("model", "stride8-cnn.ckpt");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trained-note"),
                "is not a multiple of the total stride 8"));
        assertThat(byId("err-trained-interior").getText()).isEqualTo("\u2013");

        // an MLP: one line on the page, the untrained networks still shown
        choose("model", "mlp.ckpt");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("model-error")));
        assertThat(byId("model-error").getText()).startsWith("model model-4: has no convolutional feature extractor");
        assertThat(byId("fig-trained").isDisplayed()).isFalse();
        assertThat(byId("error").isDisplayed()).isFalse();
        assertThat(loaded("img-cnn")).isTrue();
        screenshot("explorer-equivariance-trained-refused");

        choose("model", "untrained");
        wait.until(d -> !byId("model-error").isDisplayed() && !byId("fig-trained").isDisplayed());
        assertThat(server.log()).isEmpty();
    }

    @Test
    @Order(8)
    void theReportsPageSaysHowToMakeAReportThenShowsIt() throws IOException {
        open("/reports.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-note")));
        assertThat(byId("report-note").getText()).contains("./convlab reproduce");
        screenshot("explorer-reports-none");
        Files.writeString(report.resolve("index.html"), "<!doctype html><title>r</title><h1 id='t'>convlab report</h1>");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-view")));
        driver.switchTo().frame(byId("report-frame"));
        wait.until(ExpectedConditions.textToBe(By.id("t"), "convlab report"));
        driver.switchTo().defaultContent();
        screenshot("explorer-reports");
        assertThat(server.log()).isEmpty();
    }
}
