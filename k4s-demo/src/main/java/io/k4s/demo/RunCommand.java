package io.k4s.demo;

import io.k4s.api.resource.Resource;
import io.k4s.core.K4sCluster;
import io.k4s.core.ShutdownHook;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Start a cluster, apply manifests, wait until they are ready, then read shell commands from
 * standard input until {@code exit} or end of input, and stop the cluster gracefully (also when
 * the JVM is ended meanwhile, through a {@link ShutdownHook}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a cluster, apply the manifests, then read commands (get, describe, apply, delete,"
                + " scale, send, request; type help) from standard input. End of input stops the cluster.")
final class RunCommand extends K4sCommand {

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", arity = "1..*",
            description = "The manifests to apply (-f a.yaml b.yaml, or -f repeated).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load worker jars from DIR (default: the K4S_PLUGINS environment variable).")
    Path plugins;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long to wait for the applied resources to be ready (default: ${DEFAULT-VALUE}).")
    String wait;

    @Override
    int execute() throws Exception {
        Duration timeout = io.k4s.api.Params.parseDuration(wait);
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("--wait expects a duration such as 10s or 500ms, got \"" + wait + "\"");
        }
        // The hook closes the cluster gracefully if the JVM is ended meanwhile (Ctrl-C, SIGTERM, or
        // a worker calling System.exit); closing it at the end removes it again.
        try (K4sCluster cluster = main.startCluster(plugins);
             ShutdownHook hook = ShutdownHook.install(cluster, ShutdownHook.DEFAULT_BOUND)) {
            // Read every file before applying any, so a bad file changes nothing.
            List<Resource> desired = new ArrayList<>();
            for (Path file : files) {
                desired.addAll(cluster.manifestReader().read(file));
            }
            List<Resource> applied = cluster.apply(desired);
            for (Resource r : applied) {
                main.out().println(Shell.slashName(r) + (r.metadata().generation() > 1 ? " configured" : " created"));
            }
            try {
                Readiness.await(cluster, applied, timeout);
            } catch (io.k4s.api.K4sException notReady) {
                main.err().println("warning: " + Errors.describe(notReady) + "; continuing (see get all)");
            }
            Shell shell = new Shell(cluster, main.out(), main.err(), main.verbose());
            String prompt = main.interactive() ? "k4s> " : null;
            if (main.interactive()) {
                main.out().println("k4s is running. Type help for the commands, exit (or Ctrl-D) to stop.");
            }
            shell.run(new BufferedReader(new InputStreamReader(main.in(), StandardCharsets.UTF_8)), prompt);
        }
        return OK;
    }
}
