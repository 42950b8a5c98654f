package io.k4s.demo;

import io.k4s.core.K4sClusterBuilder;
import picocli.CommandLine.Option;

/**
 * How this JVM reaches containers of other nodes: {@code --transport nats://HOST:PORT} and its
 * name among them, {@code --node NAME}. A picocli mixin, so {@code run} and {@code serve} take the
 * same options; without {@code --transport} the cluster is this one JVM.
 */
final class TransportOptions {

    @Option(names = "--transport", paramLabel = "nats://HOST:PORT[,HOST:PORT...]",
            description = "Send messages to containers of other nodes (JVMs) over NATS (a running nats-server)."
                    + " Without it, this JVM is the whole cluster.")
    String transport;

    @Option(names = "--node", paramLabel = "NAME",
            description = "This node's name on the transport (letters, digits, - and _); default HOST-PID.")
    String node;

    /** Point {@code builder} at the transport asked for, if any. */
    void applyTo(K4sClusterBuilder builder) {
        if (transport != null) {
            builder.transport(transport);
        }
        if (node != null) {
            builder.node(node);
        }
    }
}
