package io.k4s.demo;

import io.k4s.core.K4sClusterBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which node this JVM is: {@code --node NAME}, {@code --node-label KEY=VALUE} and
 * {@code --max-containers N}, and how it reaches containers of other nodes: {@code --transport
 * nats://HOST:PORT}. Several processes on one {@code --store etcd://...}, each with its own
 * {@code --node}, form one cluster; with a {@code --transport} their containers message each
 * other. A picocli mixin, so {@code run} and {@code serve} take the same options.
 */
final class NodeOptions {

    @Option(names = "--node", paramLabel = "NAME",
            description = "This JVM's node name (default: " + K4sClusterBuilder.DEFAULT_NODE_NAME + "). With a shared"
                    + " --store, give every process its own.")
    String name;

    @Option(names = "--transport", paramLabel = "nats://HOST:PORT[,HOST:PORT...]",
            description = "Send messages to containers of other nodes (JVMs) over NATS (a running nats-server)."
                    + " Without it, messages reach this JVM's containers only.")
    String transport;

    @Option(names = "--node-label", paramLabel = "KEY=VALUE",
            description = "A label of this node, which containers' nodeSelector match; repeatable.")
    List<String> labels = List.of();

    @Option(names = "--max-containers", paramLabel = "N",
            description = "The most containers the scheduler binds to this node (default: no limit).")
    Integer maxContainers;

    /** Make {@code builder} this node. */
    void applyTo(K4sClusterBuilder builder) {
        if (name != null) {
            builder.node(name);
        }
        if (transport != null) {
            builder.transport(transport);
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--node-label expects KEY=VALUE, such as zone=a; got \"" + label
                        + "\"");
            }
            parsed.put(label.substring(0, eq), label.substring(eq + 1));
        }
        if (!parsed.isEmpty()) {
            builder.nodeLabels(parsed);
        }
        if (maxContainers != null) {
            builder.nodeCapacity(maxContainers);
        }
    }
}
