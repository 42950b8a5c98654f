package io.k4s.demo;

import io.k4s.api.Address;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Service;
import io.k4s.core.K4sCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Walk a new user through k4s step by step: deploy a container, send it a message, ask it a
 * question, run a ReplicaSet behind a Service, scale it, and clean up; pausing for Enter
 * between steps when a person is at the terminal.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "An interactive tour of the basics, one step at a time.")
final class QuickstartCommand extends K4sCommand {

    private static final int STEPS = 6;

    @Option(names = "--no-pause", description = "Do not wait for Enter between steps.")
    boolean noPause;

    private BufferedReader input;
    private int step;

    @Override
    int execute() throws IOException {
        input = new BufferedReader(new InputStreamReader(main.in(), StandardCharsets.UTF_8));
        try (K4sCluster cluster = main.startCluster(null)) {
            Stage s = new Stage(cluster, main.out());
            s.say("Welcome to k4s. This tour starts a cluster inside this JVM and uses it in " + STEPS + " steps.");

            step("Deploy a container", """
                    A Container resource asks k4s to run one worker: here the built-in echo worker,
                    which replies with a prefix and what it was sent. The controllers see the new
                    resource and start the worker on its own virtual thread.""");
            s.apply("quickstart/hello.yaml");
            s.get("containers");

            step("Send a message", """
                    send is fire-and-forget: the message goes into the container's mailbox and the
                    call returns at once. The container handles its messages one at a time, so a
                    worker needs no locks.""");
            s.command("send container/hello world");
            cluster.messenger().send(Address.container("hello"), "world");
            s.await("container hello to handle the message", () -> s.processed("hello") >= 1);
            s.say("The container has handled " + s.processed("hello") + " message (see PROCESSED):");
            s.get("containers -o wide");

            step("Request and response", """
                    request also waits for the answer: the value the worker's handle method returns
                    comes back to the caller. If the worker throws, the caller gets the error instead,
                    and the container keeps running.""");
            s.command("request container/hello k4s");
            s.say(Values.format(s.request("container/hello", "k4s")));

            step("A ReplicaSet behind a Service", """
                    A ReplicaSet keeps N identical containers running, named calc-0, calc-1, ...
                    A Service selects containers by label (or name pattern) and spreads messages
                    over them; callers only know the address service/calc.""");
            s.apply("quickstart/calc.yaml");
            s.get("rs,svc");
            for (String q : new String[] {"6 * 7", "2 ^ 10", "sqrt 2"}) {
                s.command("request service/calc " + q);
                s.say(Values.format(s.request("service/calc", q)));
            }

            step("Scale", """
                    Scaling changes spec.replicas; the ReplicaSet controller adds or removes
                    containers until the count matches, and the service's endpoints follow. Scaling
                    down lets a container finish the messages already in its mailbox first.""");
            s.command("scale rs/calc --replicas=5");
            cluster.scale("calc", 5);
            s.awaitScaled("calc", "calc", 5);
            s.get("rs,containers");

            step("Clean up", """
                    Deleting a ReplicaSet deletes the containers it owns; deleting the cluster (closing
                    it) drains every mailbox and stops every worker thread. Nothing keeps running.""");
            s.command("delete rs/calc");
            cluster.delete(ReplicaSet.class, "calc");
            s.command("delete svc/calc");
            cluster.delete(Service.class, "calc");
            s.command("delete ctr/hello");
            cluster.delete(io.k4s.api.resource.Container.class, "hello");
            s.await("every container to be gone", () -> cluster.resources()
                    .list(io.k4s.api.resource.Container.class, null).items().isEmpty());
            s.get("all");
        }
        main.out().println();
        main.out().println("Done: the cluster is stopped. Next: java -jar k4s-demo.jar demo, or run -f YOUR.yaml;"
                + " see README.md and docs/QUICKREF.md.");
        return OK;
    }

    private void step(String title, String explanation) throws IOException {
        step++;
        if (step > 1 && main.interactive() && !noPause) {
            main.out().print("\n[press Enter for the next step] ");
            main.out().flush();
            if (input.readLine() == null) {
                noPause = true; // end of input: run the remaining steps without pausing
            }
        }
        main.out().printf("%n--- Step %d/%d: %s ---%n", step, STEPS, title);
        main.out().println(explanation);
    }
}
