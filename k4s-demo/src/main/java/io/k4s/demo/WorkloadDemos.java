package io.k4s.demo;

import io.k4s.api.Address;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.HorizontalAutoscaler;
import io.k4s.api.resource.HorizontalAutoscalerStatus;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.JobRun;
import io.k4s.api.resource.JobStatus;
import io.k4s.api.resource.MetricValue;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.RolloutProgress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** The demos about workloads: rolling update, job and autoscale. Stateless. */
final class WorkloadDemos {

    private static final String NS = ObjectMeta.DEFAULT_NAMESPACE;

    private WorkloadDemos() {}

    static void rollingUpdate(Stage s) throws InterruptedException {
        s.say("""
                A Deployment runs six echo workers through one ReplicaSet per template. Changing the
                template (here the reply prefix, v1 -> v2) starts a new ReplicaSet and moves the
                containers over two at a time (maxSurge 2, maxUnavailable 0), while requests keep
                flowing through service/web; rollout undo goes back the same way.""");
        String manifest = Stage.resource("demos/rolling-update.yaml");
        s.apply("demos/rolling-update.yaml");
        s.get("deploy,rs");
        s.say("From now on a client sends a request to service/web every millisecond and counts the replies.");
        try (Traffic traffic = Traffic.start(s.cluster(), Address.service("web"), Duration.ofMillis(1), Stage.WAIT)) {
            s.command("apply -f demos/rolling-update.yaml    # with prefix \"v2: \", change-cause \"second release\"");
            s.cluster().apply(manifest.replace("v1: ", "v2: ").replace("first release", "second release"),
                    "demos/rolling-update.yaml");
            rolloutStatus(s);
            s.get("rs");
            s.shell("rollout history deploy/web");
            s.command("rollout undo deploy/web");
            s.cluster().rollouts().undo(NS, "web", 0);
            rolloutStatus(s);
            long sent = traffic.sent();
            s.await("some more requests after the undo", () -> traffic.sent() >= sent + 50);
            Traffic.Counts counts = traffic.stop();
            s.say(String.format(Locale.ROOT, "Requests sent during both rollouts: %d, failed: %d (answered by v1: %d,"
                    + " by v2: %d).", counts.sent(), counts.failed(), counts.replies("v1: "), counts.replies("v2: ")));
            counts.firstFailure().ifPresent(e -> s.say("  first failure: " + Errors.describe(e)));
        }
        s.get("deploy");
    }

    /** What {@code rollout status deploy/web} prints, each progress line stamped with the time. */
    private static void rolloutStatus(Stage s) {
        s.command("rollout status deploy/web");
        String[] last = {null};
        RolloutProgress done = s.cluster().rollouts().await(NS, "web", Stage.WAIT, p -> {
            if (!p.message().equals(last[0]) && !p.state().terminal()) {
                s.say("  [" + s.elapsed() + "] " + p.message());
                last[0] = p.message();
            }
        });
        s.say("  [" + s.elapsed() + "] " + done.message());
    }

    static void job(Stage s) {
        s.say("""
                A Job runs a worker to completion: here six containers each count the primes below
                two million, three at a time. primes-2 is told to fail (a flaky task): the Job retries
                it in a new container after a short back-off, and every run's result or error ends
                up in the Job's status.""");
        s.apply("demos/job.yaml");
        s.say("The Job's counts as they change:");
        String[] last = {null};
        s.await("Job primes to finish", () -> {
            JobStatus st = s.cluster().resources().get(Job.class, NS, "primes").orElseThrow().status();
            String line = "active " + st.active() + ", succeeded " + st.succeeded() + ", failed " + st.failed()
                    + st.finished().map(c -> " -> " + c.type() + " (" + c.reason() + ")").orElse("");
            if (!line.equals(last[0])) {
                s.say("  [" + s.elapsed() + "] " + line);
                last[0] = line;
            }
            return st.finished().isPresent();
        });
        s.get("jobs");
        s.get("containers");
        s.say("Each run's result or error (describe job/primes shows them too):");
        Table runs = new Table("CONTAINER", "OUTCOME", "RESULT OR ERROR");
        for (JobRun run : s.cluster().resources().get(Job.class, NS, "primes").orElseThrow().status().runs()) {
            runs.row(run.container(), run.succeeded() ? "Succeeded" : "Failed", run.succeeded() ? run.result()
                    : run.error());
        }
        runs.print(s.out());
    }

    static void autoscale(Stage s) {
        s.say("""
                A HorizontalAutoscaler keeps about 40 messages per second per echo replica, between 1
                and 5 replicas. A generator (container/load) sends to service/web at 10 messages per
                second; the demo raises its rate to about 250 per second, then lowers it again, and
                prints the replica count as the autoscaler moves it.""");
        String manifest = Stage.resource("demos/autoscale.yaml");
        s.apply("demos/autoscale.yaml");
        s.get("hpa");
        setLoad(s, manifest, "4ms", "about 250 messages per second: more than 5 replicas' worth");
        follow(s, 5);
        s.get("hpa");
        setLoad(s, manifest, "100ms", "back to 10 messages per second");
        follow(s, 1);
        s.get("hpa,deploy");
    }

    /**
     * Apply only the manifest's last document, container/load, with another interval: applying the
     * whole manifest again would also set the Deployment back to its 1 replica, overriding the
     * autoscaler (as {@code kubectl apply} of a Deployment with {@code replicas} does).
     */
    private static void setLoad(Stage s, String manifest, String interval, String what) {
        String load = manifest.substring(manifest.lastIndexOf("---") + 3).replace("interval: 100ms",
                "interval: " + interval);
        s.command("apply -f -    # container/load with interval " + interval + ": " + what);
        s.cluster().apply(load, "container/load");
    }

    /** Print the replica count and the measured rate whenever they change, until {@code replicas} are available. */
    private static void follow(Stage s, int replicas) {
        String[] last = {null};
        s.await("web to have " + replicas + " available replicas", () -> {
            Deployment d = s.cluster().resources().get(Deployment.class, NS, "web").orElseThrow();
            HorizontalAutoscalerStatus hpa = s.cluster().resources().get(HorizontalAutoscaler.class, NS, "web")
                    .orElseThrow().status();
            String rate = hpa.currentMetrics().stream().findFirst().map(WorkloadDemos::perReplica).orElse("not measured yet");
            String line = "replicas " + d.spec().replicas() + " (available " + d.status().availableReplicas() + ")";
            if (!line.equals(last[0])) {
                s.say("  [" + s.elapsed() + "] " + line + "; messages per second per replica: " + rate);
                last[0] = line;
            }
            return d.spec().replicas() == replicas && d.status().availableReplicas() == replicas
                    && d.status().replicas() == replicas;
        });
    }

    private static String perReplica(MetricValue m) {
        return String.format(Locale.ROOT, "%.1f (target 40)", Objects.requireNonNull(m).averageValue());
    }
}
