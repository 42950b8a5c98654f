package io.k4s.demo;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Service;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.K4sCluster;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Print one resource the way {@code kubectl describe} does: metadata, spec, status and
 * conditions; for a container also its live message counters and last error, for a service its
 * endpoints.
 *
 * <p>Reads the cluster at the moment of the call.
 */
final class Description {

    private final K4sCluster cluster;
    private final PrintStream out;

    Description(K4sCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
    }

    void print(Resource r) {
        ObjectMeta m = r.metadata();
        field("Name", m.name());
        field("Namespace", m.namespace());
        field("Kind", r.kind());
        field("Labels", Listing.labels(m.labels()));
        field("Annotations", Listing.labels(m.annotations()));
        m.controller().ifPresent(owner -> field("Controlled By", owner.kind() + "/" + owner.name()));
        field("Created", m.creationTimestamp() == null ? "<unknown>"
                : m.creationTimestamp() + " (" + Listing.age(r) + " ago)");
        field("Resource Version", m.resourceVersion());
        field("Generation", m.generation());
        switch (r) {
            case Container c -> container(c);
            case ReplicaSet rs -> replicaSet(rs);
            case Service s -> service(s);
            default -> field("Spec", r.spec());
        }
    }

    private void container(Container c) {
        out.println("Spec:");
        containerSpec(c.spec(), "  ");
        ContainerStatus s = c.status();
        out.println("Status:");
        field("  Phase", s.phase().text());
        field("  Ready", s.ready());
        field("  Reason", s.reason());
        field("  Message", s.message());
        field("  Restarts", s.restartCount());
        field("  Started", s.startedAt());
        field("  Observed Generation", s.observedGeneration());
        Optional<ContainerState> live = cluster.runtime().state(c.key());
        MessageCounters n = live.map(ContainerState::counters).orElse(s.counters());
        out.println(live.isPresent() ? "Messages (live):" : "Messages (last reported):");
        field("  Received", n.received());
        field("  Processed", n.processed());
        field("  Failed", n.failed());
        field("  Queued", n.queued());
        String lastError = live.map(ContainerState::lastError).filter(e -> !e.isEmpty()).orElse(s.lastError());
        field("Last Error", lastError);
        live.map(ContainerState::nextRestartAt)
                .ifPresent(at -> field("Next Restart", at + " (in " + Duration.between(Instant.now(), at).toMillis()
                        + " ms)"));
    }

    private void replicaSet(ReplicaSet rs) {
        out.println("Spec:");
        field("  Replicas", rs.spec().replicas());
        out.println("  Template:");
        field("    Labels", Listing.labels(rs.spec().template().labels()));
        containerSpec(rs.spec().template().spec(), "    ");
        out.println("Status:");
        field("  Replicas", rs.status().replicas() + " current / " + rs.spec().replicas() + " desired");
        field("  Ready Replicas", rs.status().readyReplicas());
        field("  Observed Generation", rs.status().observedGeneration());
        conditions(rs.status().conditions());
        List<Container> owned = cluster.resources().list(Container.class, rs.metadata().namespace()).items().stream()
                .filter(c -> c.metadata().controller().map(o -> o.uid().equals(rs.metadata().uid())).orElse(false))
                .toList();
        field("Containers", owned.isEmpty() ? "<none>"
                : String.join(", ", owned.stream().map(c -> c.metadata().name()
                        + (c.status().ready() ? "" : " (not ready)")).toList()));
    }

    private void service(Service s) {
        out.println("Spec:");
        field("  Selector", s.spec().selector());
        field("  Load Balancing", s.spec().loadBalancing().text());
        out.println("Status:");
        field("  Observed Generation", s.status().observedGeneration());
        field("Endpoints", Listing.endpoints(s.status().endpoints(), true));
        field("Routing To", cluster.router().readyEndpoints(s.key()) + " ready endpoints");
        conditions(s.status().conditions());
    }

    private void containerSpec(ContainerSpec spec, String indent) {
        field(indent + "Worker", spec.worker());
        field(indent + "Params", spec.params().isEmpty() ? "<none>" : Values.format(spec.params()));
        field(indent + "Restart Policy", spec.restartPolicy().text());
        field(indent + "Mailbox Capacity", spec.mailboxCapacity());
        field(indent + "Grace Period", millis(spec.terminationGracePeriod()));
    }

    private static String millis(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private void conditions(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            field("Conditions", "<none>");
            return;
        }
        out.println("Conditions:");
        Table table = new Table("  TYPE", "STATUS", "REASON", "MESSAGE");
        for (Condition c : conditions) {
            table.row("  " + c.type(), c.status() ? "True" : "False", c.reason(), c.message());
        }
        table.print(out);
    }

    private void field(String label, Object value) {
        String text = value == null || String.valueOf(value).isEmpty() ? "<none>" : String.valueOf(value);
        if (value instanceof Map<?, ?> map) {
            text = Values.format(map);
        }
        String padded = (label + ":").length() < 26 ? label + ":" + " ".repeat(26 - label.length() - 1) : label + ": ";
        out.println(padded + text);
    }
}
