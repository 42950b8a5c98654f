package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.ResourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The dashboard in a real headless Chromium against a real cluster and server: the containers
 * table, a scale done with kubectl showing up without a reload, a request sent from a service's
 * form, a delete confirmed in its dialog, a container's live page, and a Secret whose value never
 * reaches the page. Every test also checks that the page broke no Content-Security-Policy rule and
 * threw no error. Skipped, saying why, only when chromium or chromedriver is not installed.
 */
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static TestServer s;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String missing = Browser.missing();
        assumeTrue(missing == null, missing);
        s = TestServer.start();
        s.cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Deployment
                metadata: {name: calc, labels: {app: calc}}
                spec:
                  replicas: 2
                  template:
                    metadata: {labels: {app: calc}}
                    spec: {worker: calculator}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: calc}
                spec: {selector: {app: calc}}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: nobody}
                spec: {selector: {app: nobody}}
                """);
        s.cluster.awaitEndpoints("default", "calc", 2, WAIT);
        browser = Browser.start(s.server.uri());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (s != null) {
            s.close();
        }
    }

    /** No page may break the Content-Security-Policy or throw; 404s of absent APIs are expected. */
    @AfterEach
    void pageStayedClean() {
        List<String> problems = browser.console().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("SyntaxError"))
                .toList();
        assertEquals(List.of(), problems, "the browser console");
    }

    private static List<String> rowNames(String table) {
        return browser.all(table + " tbody tr").stream().map(r -> r.getDomAttribute("data-name")).toList();
    }

    private static String cell(String table, String row, String column) {
        return browser.one(table + " tr[data-name='" + row + "'] td[data-column='" + column + "']").getText();
    }

    @Test
    void containersTable_showsTheRunningContainers() throws Exception {
        browser.network();
        browser.open("/#/k/containers");
        List<String> expected = s.cluster.resources().list(Container.class, "default").items().stream()
                .filter(c -> c.metadata().name().startsWith("calc-")).map(c -> c.metadata().name()).sorted().toList();
        assertEquals(2, expected.size());
        browser.await("both calc containers listed as Running", d -> rowNames("#table-containers").containsAll(expected)
                && expected.stream().allMatch(n -> cell("#table-containers", n, "STATUS").equals("Running")));
        assertEquals("1/1", cell("#table-containers", expected.getFirst(), "READY"));
        // The network log sees what the page read (what the Secret test relies on to see nothing).
        Map<String, String> bodies = new NetworkLog(s, browser.network()).bodies(browser);
        assertTrue(bodies.keySet().stream().anyMatch(u -> u.contains("/containers?watch=true")), bodies.keySet()::toString);
        assertTrue(bodies.values().stream().anyMatch(b -> b.contains(expected.getFirst())), "a response names the container");
        browser.screenshot("containers");
        browser.open("/");
        browser.await("the overview counts the running containers", d -> browser.one(".card[data-kind='Container']")
                .getText().contains("Running"));
        browser.screenshot("overview");
    }

    @Test
    void labelSelector_filtersTheTableOnTheServer() {
        browser.open("/#/k/deployments");
        browser.await("calc listed", d -> rowNames("#table-deployments").contains("calc"));
        WebElement labels = browser.one("#labels");
        labels.sendKeys("app=calc", Keys.ENTER);
        try {
            browser.await("only calc, the one labelled app=calc", d -> rowNames("#table-deployments").equals(List.of("calc")));
            assertTrue(browser.one(".count").getText().contains("matching app=calc"));
        } finally {
            // the selector stays for the document (hash navigations keep it): clear it for the other tests
            browser.script("const i = document.getElementById('labels'); i.value = ''; i.dispatchEvent(new Event('change'))");
        }
    }

    @Test
    void themeToggle_switchesTheColoursAndIsRemembered() {
        browser.open("/");
        String background = "return getComputedStyle(document.body).backgroundColor";
        String light = (String) browser.script(background);
        browser.one("#theme").click();
        browser.await("the other theme", d -> !light.equals(browser.script(background)));
        String dark = (String) browser.script(background);
        browser.open("/");
        assertEquals(dark, browser.script(background), "the chosen theme survives a reload");
        browser.await("the overview counts the running containers", d -> browser.one(".card[data-kind='Container']")
                .getText().contains("Running"));
        browser.screenshot("overview-dark");
        browser.one("#theme").click();
        browser.await("back to the first theme", d -> light.equals(browser.script(background)));
    }

    @Test
    void scaleWithKubectl_appearsWithoutReload() throws Exception {
        List<Path> kubectls = Kubectl.binaries();
        assumeTrue(!kubectls.isEmpty(), Kubectl::missing);
        s.cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Deployment
                metadata: {name: grow}
                spec:
                  replicas: 1
                  template:
                    metadata: {labels: {app: grow}}
                    spec: {worker: echo}
                """);
        browser.open("/#/k/deployments");
        browser.await("grow listed 1/1 ready", d -> cell("#table-deployments", "grow", "READY").equals("1/1"));
        browser.script("window.sameDocument = 'yes'");
        Kubectl k = new Kubectl(kubectls.getLast(), Kubectl.kubeconfig(dir, s.server.uri().toString(), null, null),
                Files.createDirectories(dir.resolve("cache")));
        assertTrue(k.run("scale", "deployment/grow", "--replicas=3").ok().contains("scaled"));
        browser.await("grow shown 3/3 ready", d -> cell("#table-deployments", "grow", "READY").equals("3/3"));
        assertEquals("yes", browser.script("return window.sameDocument"), "the page was not reloaded");
        browser.screenshot("deployments");
    }

    @Test
    void scaleFromTheDialog_changesTheReplicas() {
        s.cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Deployment
                metadata: {name: dial}
                spec:
                  replicas: 1
                  template:
                    metadata: {labels: {app: dial}}
                    spec: {worker: echo}
                """);
        browser.open("/#/k/deployments");
        browser.await("dial listed 1/1 ready", d -> cell("#table-deployments", "dial", "READY").equals("1/1"));
        browser.one("#table-deployments tr[data-name='dial'] button[data-action='scale']").click();
        WebElement replicas = browser.await("the scale dialog", d -> browser.one("#scale-replicas"));
        browser.await("the current replicas filled in", d -> replicas.getDomProperty("value").equals("1"));
        replicas.clear();
        replicas.sendKeys("2");
        browser.one("#dialog-ok").click();
        s.cluster.await(WAIT, "dial scaled to 2", () -> s.cluster.resources().get(Deployment.class, "default", "dial")
                .orElseThrow().spec().replicas() == 2);
        browser.await("dial shown 2/2 ready", d -> cell("#table-deployments", "dial", "READY").equals("2/2"));
    }

    @Test
    void restartThenUndo_rollOutANewTemplateAndBack() {
        s.cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Deployment
                metadata: {name: roll}
                spec:
                  replicas: 1
                  template:
                    metadata: {labels: {app: roll}}
                    spec: {worker: echo}
                """);
        browser.open("/#/k/deployments");
        browser.await("roll listed 1/1 ready", d -> cell("#table-deployments", "roll", "READY").equals("1/1"));
        browser.one("#table-deployments tr[data-name='roll'] button[data-action='restart']").click();
        browser.await("the restart confirmation", d -> browser.one("#dialog").getText().contains("Restart deployment/roll?"));
        browser.one("#dialog-ok").click();
        s.cluster.await(WAIT, "roll's template annotated and rolled out as revision 2", () -> {
            Deployment roll = s.cluster.resources().get(Deployment.class, "default", "roll").orElseThrow();
            return roll.spec().template().annotations().containsKey("kubectl.kubernetes.io/restartedAt")
                    && "2".equals(roll.metadata().annotations().get(Deployment.REVISION_ANNOTATION));
        });
        browser.one("#table-deployments tr[data-name='roll'] button[data-action='undo']").click();
        browser.await("the undo confirmation", d -> browser.one("#dialog").getText().contains("Return to revision 1"));
        browser.one("#dialog-ok").click();
        s.cluster.await(WAIT, "roll back on its first template, as revision 3", () -> {
            Deployment roll = s.cluster.resources().get(Deployment.class, "default", "roll").orElseThrow();
            return roll.spec().template().annotations().isEmpty()
                    && "3".equals(roll.metadata().annotations().get(Deployment.REVISION_ANNOTATION));
        });
        browser.await("the outcome in the footer", d -> browser.one("#status-line").getText().equals("rollout undo roll: done"));
    }

    /** Ask {@code path} (a gateway request) again and again until the thread is interrupted. */
    private static Thread traffic(String path) {
        return Thread.ofVirtual().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    s.send("POST", path, "\"1 + 1\"");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void servicePage_showsTheTrafficPerEndpoint() throws Exception {
        Thread traffic = traffic("/apis/k4s.io/v1/namespaces/default/services/calc/request");
        try {
            browser.open("/#/services/default/calc");
            browser.await("both endpoints listed", d -> rowNames("#endpoints").size() >= 2);
            Pattern busy = Pattern.compile("[0-9.]*[1-9][0-9.]*");
            browser.await("an endpoint with messages per second", d -> browser.all("#endpoints td.num").stream()
                    .anyMatch(c -> busy.matcher(c.getText()).matches()));
            browser.await("the gateway's outcomes", d -> browser.one("main").getText()
                    .matches("(?s).*Gateway requests: .*[0-9]+ ok.*"));
            WebElement payload = browser.one("#request-payload");
            payload.clear();
            payload.sendKeys("\"6 * 7\"");
            browser.one("#request-send").click();
            assertEquals("42", browser.await("the reply", d -> browser.one("#reply-body")).getText());
            browser.screenshot("service");
        } finally {
            traffic.interrupt();
            traffic.join();
        }
    }

    @Test
    void serviceForm_showsTheReplyOrTheTypedError() {
        browser.open("/#/services/default/calc");
        browser.await("both endpoints listed", d -> rowNames("#endpoints").size() >= 2);
        WebElement payload = browser.one("#request-payload");
        payload.clear();
        payload.sendKeys("\"6 * 7\"");
        browser.one("#request-send").click();
        assertEquals("42", browser.await("the reply", d -> browser.one("#reply-body")).getText());

        browser.open("/#/services/default/nobody");
        browser.await("no endpoints", d -> browser.one("main").getText().contains("No ready endpoints"));
        browser.one("#request-send").click();
        String error = browser.await("the typed error", d -> browser.one("#reply-error")).getText();
        assertTrue(error.startsWith("503 ServiceUnavailable"), error);
    }

    @Test
    void deleteWithConfirmation_removesTheRow() {
        s.cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Deployment
                metadata: {name: doomed}
                spec:
                  replicas: 1
                  template:
                    metadata: {labels: {app: doomed}}
                    spec: {worker: echo}
                """);
        browser.open("/#/k/deployments");
        browser.await("doomed listed", d -> rowNames("#table-deployments").contains("doomed"));
        String delete = "#table-deployments tr[data-name='doomed'] button[data-action='delete']";
        browser.one(delete).click();
        browser.await("the confirmation", d -> browser.one("#dialog").getText().contains("Delete deployment/doomed?"));
        browser.one("#dialog-cancel").click();
        browser.await("the dialog closed", d -> !browser.one("#dialog").isDisplayed());
        assertTrue(s.cluster.resources().get(Deployment.class, "default", "doomed").isPresent(), "cancel deletes nothing");

        browser.one(delete).click();
        browser.await("the confirmation again", d -> browser.one("#dialog-ok").isDisplayed());
        browser.one("#dialog-ok").click();
        browser.await("doomed gone from the table", d -> !rowNames("#table-deployments").contains("doomed"));
        s.cluster.await(WAIT, "doomed deleted", () -> s.cluster.resources().get(Deployment.class, "default", "doomed")
                .isEmpty());
    }

    @Test
    void containerPage_showsStatusAndChartsTheTraffic() throws Exception {
        String name = s.cluster.resources().list(Container.class, "default").items().stream()
                .map(c -> c.metadata().name()).filter(n -> n.startsWith("calc-")).sorted().findFirst().orElseThrow();
        Thread traffic = traffic("/apis/k4s.io/v1/namespaces/default/containers/" + name + "/request");
        try {
            browser.open("/#/containers/default/" + name);
            browser.await("Running", d -> browser.one("#phase").getText().equals("Running"));
            Pattern busy = Pattern.compile("messages/s: [0-9.]*[1-9][0-9.]* .*");
            browser.await("a messages/s chart with traffic", d -> browser.all("figure.chart figcaption").stream()
                    .anyMatch(f -> busy.matcher(f.getText()).matches()));
            browser.await("every chart (rate, depth, handle time, request latency) drawn from several samples",
                    d -> browser.all("figure.chart path.line").size() == 4);
            assertTrue(browser.one("main").getText().contains("Restarts"));
            browser.screenshot("container");
        } finally {
            traffic.interrupt();
            traffic.join();
        }
    }

    @Test
    void secretValue_neverReachesThePage() throws Exception {
        ResourceKind<?> secret = s.cluster.kinds().forKind("Secret").orElseThrow();
        String value = "s3cr3t-" + Long.toHexString(System.nanoTime());
        s.cluster.apply("""
                apiVersion: %s
                kind: Secret
                metadata: {name: db}
                stringData: {password: %s}
                """.formatted(secret.apiVersion(), value));
        browser.network();
        browser.open("/#/k/" + secret.plural());
        browser.await("the secret listed", d -> rowNames("#table-" + secret.plural()).contains("db"));
        browser.open("/");
        browser.await("the overview counts it", d -> browser.one(".card[data-kind='Secret']").getText().contains("1"));
        String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        Map<String, String> bodies = new NetworkLog(s, browser.network()).bodies(browser);
        assertTrue(bodies.values().stream().anyMatch(b -> b.contains("\"db\"")), "the responses name the secret");
        bodies.forEach((url, body) -> assertFalse(body.contains(value) || body.contains(encoded),
                "the response to " + url + " holds the secret's value"));
        assertFalse(browser.driver.getPageSource().contains(value), "the page shows the secret's value");
    }

    @Test
    void withTokens_thePageAsksForOneAndSendsItAsBearer() throws Exception {
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, "right-token,admin,1,\"system:masters\"\n");
        try (TestServer secured = TestServer.start(b -> b.tokenFile(tokens))) {
            browser.driver.get(secured.server.uri().resolve("/#/k/deployments").toString());
            browser.await("the token dialog", d -> browser.one("#token-input").isDisplayed());
            browser.one("#token-input").sendKeys("wrong-token");
            browser.one("#dialog-ok").click();
            browser.await("asked again", d -> browser.one("#dialog").getText().contains("That token was refused"));
            browser.one("#token-input").sendKeys("right-token");
            browser.one("#dialog-ok").click();
            browser.await("the deployments table", d -> browser.one("#table-deployments").isDisplayed());
            assertEquals("right-token", browser.script("return sessionStorage.getItem('k4s.token')"));
            assertTrue(browser.one("#sign-out").isDisplayed());
        }
    }
}
