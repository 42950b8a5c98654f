package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The dashboard's tables outlive their watch streams: when the server goes away and comes back
 * on the same port, a table resumes from the last resourceVersion it saw (missing nothing that
 * changed meanwhile, without listing again), and when the store no longer remembers that version
 * (410 Gone) it lists again. Skipped, saying why, only when chromium or chromedriver is missing.
 */
class DashboardWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private K4sCluster cluster;
    private K4sServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        String missing = Browser.missing();
        assumeTrue(missing == null, missing);
        cluster = K4sCluster.start();
        server = K4sServer.builder(cluster).port(0).start();
        browser = Browser.start(server.uri());
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void widget(String name) {
        cluster.apply("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: %s}
                spec: {color: red, replicas: 1}
                """.formatted(name));
    }

    private List<String> rows() {
        return browser.all("#table-widgets tbody tr").stream().map(r -> r.getDomAttribute("data-name")).toList();
    }

    private String relists() {
        return browser.driver.findElement(By.id("table-widgets")).getDomAttribute("data-relists");
    }

    private void restartServer(int port) throws Exception {
        server.close();
        server = null;
        server = K4sServer.builder(cluster).port(port).start();
    }

    @Test
    void afterTheServerComesBack_aTableResumesOrListsAgainOn410() throws Exception {
        widget("first");
        browser.open("/#/k/widgets");
        browser.await("first listed", d -> rows().equals(List.of("first")));
        int port = server.port();

        server.close();
        widget("second");
        restartServer(port);
        browser.await("second listed after the watch resumed", d -> rows().equals(List.of("first", "second")));
        assertEquals("0", relists(), "resumed from its resourceVersion, not listed again");

        server.close();
        long old = cluster.resources().resourceVersion();
        WidgetKinds.Widget churn = cluster.resources().get(WidgetKinds.Widget.class, "default", "second").orElseThrow();
        for (int i = 0; i < 300_000 && !forgotten(old); i++) {
            churn = cluster.resources().updateStatus(churn.withStatus(new WidgetKinds.WidgetStatus(i % 10, "p" + i)));
        }
        assertTrue(forgotten(old), "the store still remembers revision " + old);
        widget("third");
        cluster.delete(WidgetKinds.Widget.class, "default", "first");
        restartServer(port);
        browser.await("listed again after 410: third in, first out", d -> rows().equals(List.of("second", "third")));
        assertEquals("1", relists());
    }

    private boolean forgotten(long revision) throws InterruptedException {
        try (Watch w = cluster.resources().watch(WidgetKinds.Widget.class, "default", revision)) {
            return w.next(Duration.ZERO) instanceof WatchEvent.Expired;
        }
    }
}
