package io.k4s.demo;

import io.k4s.api.resource.Resource;
import io.k4s.core.K4sCluster;
import io.k4s.core.ShutdownHook;
import io.k4s.server.K4sServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Start a cluster with its Kubernetes-compatible API server, so kubectl, client libraries and
 * HTTP callers drive it: apply the manifests, listen, write a kubeconfig, print
 * {@code k4s API server listening on URL} and the {@code export KUBECONFIG=...} line, and run
 * until Ctrl-C or SIGTERM (a second one stops at once; if the JVM ends otherwise, a worker's
 * {@code System.exit} included, the {@link ShutdownHook} closes the cluster). The server's options are fields of this
 * command; where the cluster keeps its resources ({@code --data-dir}, {@code --store}) comes from
 * {@link StorageOptions}, shared with {@code run}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start a cluster and its Kubernetes API server (kubectl, fabric8, HTTP callers to Services),"
                + " write a kubeconfig and run until Ctrl-C or SIGTERM.")
final class ServeCommand extends K4sCommand {

    @Option(names = "--port", paramLabel = "N", defaultValue = "6440",
            description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}). Any other than a loopback address"
                    + " needs --token-file.")
    String bind;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR", arity = "1..*",
            description = "Manifests to apply before serving: files or folders (their *.yaml, *.yml, *.json).")
    List<String> files = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load worker and kind jars from DIR (default: the K4S_PLUGINS environment variable).")
    Path plugins;

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Mixin
    TransportOptions transport = new TransportOptions();

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Where to write the kubeconfig for this server (default: ~/.kube/k4s.yaml; never"
                    + " ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Bearer tokens in Kubernetes' static token file format (token,user,uid,\"group1,group2\""
                    + " per line); turns on authentication and RBAC. Users in group system:masters may do anything.")
    Path tokenFile;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve HTTPS with this PEM certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM (PKCS#8) private key of --tls-cert.")
    Path tlsKey;

    @Override
    int execute() throws Exception {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together; give both or neither");
        }
        StopSignals signals = StopSignals.install(main.err());
        try (K4sCluster cluster = main.startCluster(plugins, storage, transport);
             ShutdownHook hook = ShutdownHook.install(cluster, ShutdownHook.DEFAULT_BOUND)) {
            List<Resource> desired = files.isEmpty() ? List.of()
                    : new Manifests(() -> {
                        throw new IllegalArgumentException("serve reads manifests from files, not from -");
                    }, main.err()).read(cluster.manifestReader(), files);
            for (Resource r : cluster.apply(desired)) {
                main.out().println(Shell.slashName(r) + " created");
            }
            K4sServer.Builder builder = K4sServer.builder(cluster).port(port).bind(bind);
            if (tokenFile != null) {
                builder.tokenFile(tokenFile);
            }
            if (tlsCert != null) {
                builder.tls(tlsCert, tlsKey);
            }
            try (K4sServer server = builder.start()) {
                Path config = kubeconfig != null ? kubeconfig : Kubeconfig.defaultFile(main.env());
                Kubeconfig.write(config, server.uri(), tlsCert == null ? null : Files.readAllBytes(tlsCert),
                        server.adminToken().orElse(null), main.env());
                main.out().println("k4s API server listening on " + server.uri());
                main.out().println("export KUBECONFIG=" + config.toAbsolutePath());
                if (tokenFile != null && server.adminToken().isEmpty()) {
                    main.err().println("note: no user of " + tokenFile + " is in group system:masters; the kubeconfig"
                            + " has no token (kubectl --token TOKEN)");
                }
                if (tlsCert == null && tokenFile != null) {
                    main.err().println("note: kubectl sends bearer tokens only over https; give --tls-cert and"
                            + " --tls-key too (curl and other clients send them over http)");
                }
                main.out().flush();
                main.serving(signals);
                try {
                    signals.await();
                } finally {
                    main.serving(null);
                }
            }
        }
        main.out().println("k4s API server stopped");
        return OK;
    }
}
