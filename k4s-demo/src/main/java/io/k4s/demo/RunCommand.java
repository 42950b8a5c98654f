package io.k4s.demo;

import io.k4s.api.K4sException;
import io.k4s.api.Params;
import io.k4s.api.resource.Resource;
import io.k4s.core.K4sCluster;
import io.k4s.core.ShutdownHook;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Start a cluster, apply manifests, wait until they are ready, then read shell commands from
 * standard input until {@code exit} or end of input, and stop the cluster gracefully (also when
 * the JVM is ended meanwhile, through a {@link ShutdownHook}). Exits 1 if any command failed, so
 * a piped script fails loudly in CI.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a cluster, apply the manifests, then read commands (get, describe, apply, delete,"
                + " scale, label, send, request; type help) from standard input. End of input stops the cluster."
                + " Exits 1 if any command failed.")
final class RunCommand extends K4sCommand {

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-", arity = "1..*",
            description = "The manifests to apply: files, folders (their *.yaml, *.yml and *.json), or - for the"
                    + " standard input up to a line with just ... (-f a.yaml b.yaml, or -f repeated).")
    List<String> files = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load worker jars from DIR (default: the K4S_PLUGINS environment variable).")
    Path plugins;

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Mixin
    TransportOptions transport = new TransportOptions();

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long to wait for the applied resources to be ready (default: ${DEFAULT-VALUE}).")
    String wait;

    @Option(names = "--fail-fast",
            description = "Stop at the first command that fails (the exit status is 1 either way).")
    boolean failFast;

    @Override
    int execute() throws Exception {
        Duration timeout = Params.parseDuration(wait);
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("--wait expects a duration such as 10s or 500ms, got \"" + wait + "\"");
        }
        // The hook closes the cluster gracefully if the JVM is ended meanwhile (Ctrl-C, SIGTERM, or
        // a worker calling System.exit); closing it at the end removes it again.
        try (K4sCluster cluster = main.startCluster(plugins, storage, transport);
             ShutdownHook hook = ShutdownHook.install(cluster, ShutdownHook.DEFAULT_BOUND)) {
            Terminal terminal = main.interactive() ? main.openTerminal() : null;
            if (terminal == null) {
                return session(cluster, timeout, new Lines(plainInput()), main.out(), main.err(), null);
            }
            PrintStream systemErr = System.err;
            try (LineEditor editor = new LineEditor(terminal, cluster)) {
                // Log lines (slf4j-simple writes to System.err) go above the prompt too.
                System.setErr(editor.output());
                return session(cluster, timeout, new Lines(editor), editor.output(), editor.output(), editor);
            } finally {
                System.setErr(systemErr);
            }
        }
    }

    private int session(K4sCluster cluster, Duration timeout, Lines lines, PrintStream out, PrintStream err,
                        LineEditor editor) throws IOException {
        Shell shell = new Shell(cluster, out, err, main.verbose(), lines);
        if (editor != null) {
            editor.attach(shell.verbNames(), shell::interrupt);
        }
        // Read every manifest before applying any, so a bad file changes nothing.
        List<Resource> desired = files.isEmpty() ? List.of()
                : new Manifests(lines::untilDocumentEnd, err).read(cluster.manifestReader(), files);
        List<Resource> applied = cluster.apply(desired);
        for (Resource r : applied) {
            out.println(Shell.slashName(r) + (r.metadata().generation() > 1 ? " configured" : " created"));
        }
        try {
            Readiness.await(cluster, applied, timeout);
        } catch (K4sException notReady) {
            err.println("warning: " + Errors.describe(notReady) + "; continuing (see get all)");
        }
        if (main.interactive()) {
            out.println("k4s is running. Type help for the commands, exit (or Ctrl-D) to stop.");
        }
        int failed = shell.run(main.interactive() ? "k4s> " : null, failFast);
        if (failed > 0) {
            err.println("error: " + failed + " of " + shell.commands() + " commands failed"
                    + (failFast ? " (--fail-fast: stopped at the first)" : ""));
            return FAILED;
        }
        return OK;
    }

    /** Plain lines from standard input; the prompt, if any, is printed before each read. */
    private Lines.Source plainInput() {
        BufferedReader in = new BufferedReader(new InputStreamReader(main.in(), StandardCharsets.UTF_8));
        return prompt -> {
            if (prompt != null && !prompt.isEmpty()) {
                main.out().print(prompt);
                main.out().flush();
            }
            return in.readLine();
        };
    }
}
