package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RequiredTool;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.domain.port.in.ReceiveMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in real headless Chromium (Debian's chromium and chromedriver, installed by .ci/run; skipped without
 * them, see {@link RequiredTool}), through the whole flow of the pods guide. A screenshot of each page goes to
 * bootstrap/target/console-screenshots.
 */
class ConsoleBrowserSystemTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final RunningServer server = RunningServer.shared();
    private static WebDriver browser;
    private static Path profile;

    /**
     * Chromium is required per test rather than per class, so that Surefire counts each skipped test. Each test signs
     * in as its own account.
     */
    @BeforeEach
    void startChromiumOrForgetTheLastSession() throws IOException {
        RequiredTool.require(RequiredTool.CHROMIUM, RequiredTool.CHROMEDRIVER);
        if (browser == null) {
            browser = startChromium();
        }
        browser.manage().deleteAllCookies();
    }

    private static WebDriver startChromium() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("openmail-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(RequiredTool.CHROMIUM.path().toFile());
        // As root in a container: no sandbox, no GPU, and no background traffic to a network that is closed here.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(RequiredTool.CHROMEDRIVER.path().toFile()).usingAnyFreePort().build();
        WebDriver started = new ChromeDriver(service, options);
        started.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return started;
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aTenantIsOnboardedAndOffboardedThroughTheConsole() throws IOException {
        Account account = server.openAccount();
        String podClientId = "tenant-" + Long.toString(System.nanoTime(), 36);
        String domain = VerifiedDomains.verified(server, account, null);

        open("/console/sign-in");
        shot("01-sign-in");
        RunningServer.rememberSent(account.token());
        browser.findElement(By.cssSelector("#sign-in input[name=apiKey]")).sendKeys(account.token());
        submit("#sign-in [type=submit]");
        assertTrue(browser.getCurrentUrl().endsWith("/console/pods"), () -> browser.getCurrentUrl() + "\n" + browser.getPageSource());
        List<WebElement> pods = browser.findElements(By.cssSelector("#pods tr.pod"));
        assertTrue(pods.get(0).findElement(By.cssSelector(".badge")).getText().contains("Default"));
        shot("02-pods");

        browser.findElement(By.cssSelector("#create-pod input[name=clientId]")).sendKeys(podClientId);
        browser.findElement(By.cssSelector("#create-pod input[name=name]")).sendKeys("Acme Corp");
        submit("#create-pod [type=submit]");
        // A new pod opens on its own page.
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Acme Corp"));
        shot("03-pod");

        browser.findElement(By.cssSelector("#create-inbox input[name=mailboxName]")).sendKeys("support-" + podClientId);
        new Select(browser.findElement(By.cssSelector("#create-inbox select[name=domain]"))).selectByValue(domain);
        submit("#create-inbox [type=submit]");
        List<WebElement> inboxes = browser.findElements(By.cssSelector("#inboxes tr.inbox"));
        assertEquals(1, inboxes.size());
        assertTrue(inboxes.get(0).getText().contains("support-" + podClientId + "@" + domain), inboxes.get(0).getText());
        shot("04-pod-with-inbox");

        open("/console/domains");
        String scoped = "scoped-" + Long.toString(System.nanoTime(), 36) + ".example.test";
        browser.findElement(By.cssSelector("#add-domain input[name=domain]")).sendKeys(scoped);
        new Select(browser.findElement(By.cssSelector("#add-domain select[name=podId]"))).selectByVisibleText(
                new Select(browser.findElement(By.cssSelector("#add-domain select[name=podId]"))).getOptions().stream()
                        .map(WebElement::getText).filter(text -> text.contains(podClientId) || text.contains("Acme Corp"))
                        .findFirst().orElseThrow());
        submit("#add-domain [type=submit]");
        assertTrue(!browser.findElements(By.cssSelector("#records tr.record")).isEmpty()
                        || browser.getPageSource().contains(scoped), "the new domain is shown with its records, or listed");
        shot("05-domain");

        openPod(podClientId);
        submit("#delete-pod [type=submit]");
        String refusal = browser.findElement(By.cssSelector(".error")).getText();
        assertTrue(refusal.toLowerCase().contains("inbox"), refusal);
        shot("06-delete-refused");

        submit("#inboxes tr.inbox form.delete-inbox [type=submit]");
        open("/console/domains");
        browser.findElements(By.cssSelector("#domains tr.domain a.domain-link")).stream()
                .filter(link -> link.getText().contains(scoped)).findFirst().ifPresent(ConsoleBrowserSystemTest::follow);
        submit("#delete-domain [type=submit]");
        openPod(podClientId);
        submit("#delete-pod [type=submit]");
        assertTrue(browser.getCurrentUrl().endsWith("/console/pods"), browser.getCurrentUrl());
        assertTrue(browser.findElements(By.cssSelector("#pods tr.pod")).stream()
                .noneMatch(pod -> pod.getText().contains(podClientId)), "the pod is gone");
        shot("07-offboarded");

        submit("#sign-out [type=submit]");
        assertTrue(browser.getCurrentUrl().contains("/console/sign-in"), browser.getCurrentUrl());
        open("/console/pods");
        assertTrue(browser.getCurrentUrl().contains("/console/sign-in"), "signed out for good");
    }

    @Test
    void scriptsInMailAreShownInert() throws IOException {
        Account account = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", account.token(), "{}");
        String payload = "<script>alert('subject')</script><img src=x onerror=alert('img')>";
        String raw = "From: attacker@example.org\r\nTo: " + inbox.string("address") + "\r\nSubject: " + payload
                + "\r\nMessage-ID: <xss-" + System.nanoTime() + "@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n<p>Hello</p><script>alert('body')</script>"
                + "<img src=\"https://tracker.example.net/pixel.gif\" onerror=\"alert('body-img')\">"
                + "<a href=\"javascript:alert('link')\">click</a><div onclick=\"alert('div')\">div</div>\r\n";
        assertEquals(1, server.context().getBean(ReceiveMail.class).receive(new ReceiveMail.Command(
                raw.getBytes(StandardCharsets.UTF_8), "attacker@example.org", List.of(inbox.string("address")))).taken());

        signIn(account);
        open("/console/inboxes/" + inbox.string("id"));
        WebElement thread = browser.findElement(By.cssSelector("#threads tr.thread"));
        assertTrue(thread.getAttribute("class").contains("unread"));
        assertTrue(thread.getText().contains("<script>alert('subject')</script>"), "the subject is shown as text");
        assertNoAlert();
        shot("08-inbox");
        follow(thread.findElement(By.cssSelector("a.thread-link")));
        assertNoAlert();
        shot("09-thread");

        WebElement html = browser.findElement(By.cssSelector("article.message div.body-html"));
        assertTrue(html.getText().contains("Hello"));
        assertTrue(html.findElements(By.tagName("script")).isEmpty());
        assertTrue(html.findElements(By.tagName("img")).isEmpty(), "remote content is blocked");
        for (WebElement element : html.findElements(By.cssSelector("*"))) {
            assertEquals(null, element.getAttribute("onclick"));
            assertEquals(null, element.getAttribute("onerror"));
            String href = element.getAttribute("href");
            assertFalse(href != null && href.startsWith("javascript:"), href);
        }
    }

    @Test
    void podAndInboxKeysAreMintedWithTheirTokenShownOnceAndRevoked() throws IOException {
        Account account = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", account.token(), "{}");
        signIn(account);

        open("/console/pods/" + account.defaultPodId());
        browser.findElement(By.cssSelector("#create-key input[name=name]")).sendKeys("Tenant backend");
        submit("#create-key [type=submit]");
        String podKey = browser.findElement(By.id("new-token")).getText();
        assertTrue(browser.findElement(By.cssSelector(".warning")).getText().contains("shown only this once"));
        assertFalse(browser.getCurrentUrl().contains(podKey), browser.getCurrentUrl());
        shot("10-new-pod-key");
        assertEquals(200, server.get("/v1/inboxes", podKey).status());

        follow(browser.findElement(By.id("done")));
        WebElement key = browser.findElement(By.cssSelector("#keys tr.key"));
        assertTrue(key.getText().contains(podKey.substring(0, 8) + "…" + podKey.substring(podKey.length() - 4)),
                key.getText());
        assertFalse(browser.getPageSource().contains(podKey), "the token is not shown again");
        shot("11-pod-keys");
        submit("#keys tr.key form.revoke-key [type=submit]");
        assertTrue(browser.findElements(By.cssSelector("#keys tr.key")).isEmpty());
        assertEquals(401, server.get("/v1/inboxes", podKey).status());

        open("/console/inboxes/" + inbox.string("id"));
        submit("#create-key [type=submit]");
        String inboxKey = browser.findElement(By.id("new-token")).getText();
        assertEquals(200, server.get("/v1/inboxes/" + inbox.string("id"), inboxKey).status());
        follow(browser.findElement(By.id("done")));
        assertEquals(1, browser.findElements(By.cssSelector("#keys tr.key")).size());
        shot("12-inbox-keys");
        submit("#keys tr.key form.revoke-key [type=submit]");
        assertEquals(401, server.get("/v1/inboxes/" + inbox.string("id"), inboxKey).status());
    }

    private static void signIn(Account account) {
        RunningServer.rememberSent(account.token());
        open("/console/sign-in");
        browser.findElement(By.cssSelector("#sign-in input[name=apiKey]")).sendKeys(account.token());
        submit("#sign-in [type=submit]");
    }

    /**
     * Submits a form and waits for the page that answers it. The button is looked up afresh for each try: a page that
     * is still settling can replace the node between lookup and click.
     */
    private static void submit(String button) {
        for (int attempt = 1; ; attempt++) {
            WebElement html = browser.findElement(By.tagName("html"));
            try {
                browser.findElement(By.cssSelector(button)).click();
            } catch (NoSuchElementException missing) {
                throw missing;
            } catch (WebDriverException moved) {
                // The click never reached the page; only then is a second try safe.
                if (attempt == 3) {
                    throw moved;
                }
                continue;
            }
            settle(html);
            return;
        }
    }

    /** Goes where a link points, as a click would, without racing the page that holds it. */
    private static void follow(WebElement link) {
        browser.get(link.getAttribute("href"));
    }

    private static void settle(WebElement previousPage) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // Gone from the document: chromedriver reports that as a stale element or, at times, as a node that "does not
        // belong to the document"; both mean the browser has moved on.
        wait.until(driver -> {
            try {
                previousPage.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    private static void assertNoAlert() {
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(), "no script ran");
    }

    private static WebElement podRow(String clientId) {
        return browser.findElements(By.cssSelector("#pods tr.pod")).stream()
                .filter(pod -> pod.getText().contains(clientId)).findFirst()
                .orElseThrow(() -> new AssertionError("no pod " + clientId + " in " + browser.getPageSource()));
    }

    private static void openPod(String clientId) {
        open("/console/pods");
        follow(podRow(clientId).findElement(By.cssSelector("a.pod-link")));
    }

    private static void open(String path) {
        browser.get(server.uri(path).toString());
    }

    private static void shot(String name) throws IOException {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
