package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code logs}: a container's lines, the last N, the previous run, following, and a Deployment's container. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ContainerStatus status(ShellSession s, String name) {
        return s.cluster.resources().get(Container.class, "default", name).map(Container::status)
                .orElse(ContainerStatus.PENDING);
    }

    private static void chat(ShellSession s, String container, String... payloads) {
        for (String p : payloads) {
            s.cluster.messenger().request(Address.container(container), p, WAIT).join();
        }
    }

    private static List<String> lines(String out) {
        return out.lines().toList();
    }

    @Test
    void logs_printWhatTheWorkerLogged_theLastN_withTimestamps_andThePreviousRun() {
        try (ShellSession s = new ShellSession()) {
            s.cluster.apply("kind: Container\nmetadata: {name: chat}\nspec: {worker: chatty}\n");
            s.cluster.await(WAIT, "chat ready", () -> status(s, "chat").ready());
            chat(s, "chat", "one", "two", "three");

            List<String> all = lines(s.ok("logs ctr/chat"));
            assertEquals("INFO hello from chat", all.getFirst(), "what start logged");
            assertTrue(all.get(1).startsWith("INFO [k4s] started worker chatty"), all.toString());
            assertEquals(List.of("INFO got one", "INFO got two", "INFO got three"), all.subList(2, all.size()));
            assertEquals(List.of("INFO got two", "INFO got three"), lines(s.ok("logs chat --tail 2")));
            String stamped = s.ok("logs ctr/chat --tail=1 --timestamps");
            assertTrue(stamped.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z INFO got three\\n"), stamped);
            assertTrue(s.fails("logs ctr/chat --previous").contains("has no previous run"));

            s.cluster.messenger().send(Address.container("chat"), "crash");
            s.cluster.await(WAIT, "chat restarted", () -> status(s, "chat").restartCount() == 1
                    && status(s, "chat").ready());
            List<String> previous = lines(s.ok("logs ctr/chat -p"));
            assertTrue(previous.contains("INFO got crash"), previous.toString());
            assertTrue(previous.stream().anyMatch(l -> l.startsWith("WARN crashed: ") || l.startsWith("ERROR crashed")),
                    previous.toString());
            List<String> current = lines(s.ok("logs ctr/chat"));
            assertTrue(current.contains("INFO hello from chat") && !current.contains("INFO got one"),
                    current.toString());
            String missing = s.fails("logs ctr/nobody");
            assertTrue(missing.contains("nobody") && missing.contains("not found"), missing);
        }
    }

    @Test
    void logsFollow_printsNewLines_untilExitIsTyped() throws Exception {
        LinkedBlockingQueue<String> typed = new LinkedBlockingQueue<>();
        try (ShellSession s = new ShellSession(prompt -> typed.take())) {
            s.cluster.apply("kind: Container\nmetadata: {name: tail}\nspec: {worker: chatty}\n");
            s.cluster.await(WAIT, "tail ready", () -> status(s, "tail").ready());
            chat(s, "tail", "before");
            CompletableFuture<ShellSession.Result> following = CompletableFuture.supplyAsync(
                    () -> s.run("logs -f ctr/tail --tail 1"));
            s.cluster.await(WAIT, "the last line so far", () -> s.outSoFar().contains("INFO got before"));
            chat(s, "tail", "after");
            s.cluster.await(WAIT, "a new line followed", () -> s.outSoFar().contains("INFO got after"));
            typed.add("exit");
            ShellSession.Result r = following.get(20, TimeUnit.SECONDS);
            assertEquals(Shell.Outcome.OK, r.outcome(), r::toString);
            assertEquals(List.of("INFO got before", "INFO got after"), lines(r.out()));
        }
    }

    @Test
    void logsOfADeployment_pickOneOfItsContainers_andSayWhich() {
        try (ShellSession s = new ShellSession()) {
            s.cluster.apply("""
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      replicas: 2
                      template:
                        metadata: {labels: {app: web}}
                        spec: {worker: chatty}
                    """);
            s.cluster.await(WAIT, "two ready containers", () -> s.cluster.resources().list(Container.class, "default")
                    .items().stream().filter(c -> c.status().ready()).count() == 2);
            ShellSession.Result r = s.run("logs deploy/web");
            assertEquals(Shell.Outcome.OK, r.outcome(), r::toString);
            assertTrue(r.err().matches("Found 2 containers, using container/web-\\w+-0\\n"), r.err());
            assertTrue(r.out().contains("INFO hello from web-"), r.out());
        }
    }
}
