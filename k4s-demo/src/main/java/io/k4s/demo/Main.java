package io.k4s.demo;

import io.k4s.core.K4sCluster;
import io.k4s.core.K4sClusterBuilder;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.registry.Plugins;
import io.k4s.core.registry.WorkerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Run the k4s application: demos, the quickstart, the {@code run} shell, the {@code serve} API
 * server, {@code validate} and {@code workers}.
 *
 * <p>Start it with {@code java -jar k4s-demo.jar COMMAND}, or with
 * {@code java -cp k4s-demo.jar:my-worker.jar io.k4s.demo.Main COMMAND} to put worker jars on
 * the classpath. Exit codes: 0 success, 1 invalid input (a bad manifest, an unknown worker, a
 * failed request in a demo), 2 usage errors.
 *
 * <p>One instance serves one command line on one thread; the streams it was given are where
 * every command reads and writes, so tests can run commands in-process.
 */
@Command(name = "k4s-demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "k4s: a Kubernetes-like orchestrator for Java workers running as virtual threads.",
        subcommands = {DemoCommand.class, QuickstartCommand.class, RunCommand.class, ServeCommand.class,
                ValidateCommand.class, WorkersCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** The environment variable that names a plugins folder when {@code --plugins} is not given. */
    static final String PLUGINS_ENV = "K4S_PLUGINS";

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.";
    /**
     * gRPC, under the etcd store, logs through java.util.logging, at INFO to standard error by
     * default: the application shows its warnings only. Held here because java.util.logging
     * keeps loggers weakly.
     */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean interactive;
    private final TerminalFactory terminals;
    private int verbosity;
    /** The stop signals of a running {@code serve}, so that tests can stop it as Ctrl-C would. */
    private volatile StopSignals serving;

    /** Open the terminal a person types at, for the shell's line editor. */
    @FunctionalInterface
    interface TerminalFactory {
        Terminal open() throws IOException;
    }

    /** The application on the process's own streams and environment. */
    public Main() {
        this(System.in, System.out, System.err, System.getenv(), System.console() != null,
                () -> TerminalBuilder.builder().system(true).build());
    }

    /**
     * The application on the given streams.
     *
     * @param interactive whether a person types at {@code in} (prompts and pauses are shown)
     */
    Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean interactive) {
        this(in, out, err, env, interactive, null);
    }

    /**
     * The application on the given streams, with a line editor on the terminal {@code terminals}
     * opens ({@code null}: plain lines, the prompt printed before each).
     */
    Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean interactive,
         TerminalFactory terminals) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.interactive = interactive;
        this.terminals = terminals;
    }

    /** Run the command line and exit the JVM with its exit code. */
    public static void main(String[] args) {
        GRPC_LOG.setLevel(Level.WARNING);
        System.exit(commandLine(new Main()).execute(args));
    }

    /** A picocli command line for {@code main} that writes help and usage errors to its streams. */
    static CommandLine commandLine(Main main) {
        CommandLine cli = new CommandLine(main);
        cli.setOut(new PrintWriter(main.out, true));
        cli.setErr(new PrintWriter(main.err, true));
        return cli;
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log more (-v: INFO, -vv: DEBUG) and show stack traces of errors.")
    void verbose(boolean[] flags) {
        verbosity = flags.length;
        String level = verbosity >= 2 ? "debug" : "info";
        // slf4j-simple reads these when a logger is first created; system properties win over
        // simplelogger.properties.
        System.setProperty(LOG_LEVEL_PROPERTY + "io.k4s", level);
        System.setProperty(LOG_LEVEL_PROPERTY + "k4s", level);
    }

    /** Without a command: show the usage. */
    @Override
    public void run() {
        commandLine(this).usage(out);
    }

    InputStream in() {
        return in;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Record the stop signals of a {@code serve} that runs now ({@code null} when it ended). */
    void serving(StopSignals signals) {
        this.serving = signals;
    }

    /** The stop signals of the {@code serve} that runs now, or {@code null}. */
    StopSignals serving() {
        return serving;
    }

    Map<String, String> env() {
        return env;
    }

    boolean interactive() {
        return interactive;
    }

    /**
     * The terminal for the shell's line editor, or {@code null} for plain lines (no terminal
     * factory, or the terminal could not be opened: then a warning says why).
     */
    Terminal openTerminal() {
        if (terminals == null) {
            return null;
        }
        try {
            return terminals.open();
        } catch (IOException | RuntimeException e) {
            err.println("warning: no line editor (" + Errors.describe(e) + "); reading plain lines");
            return null;
        }
    }

    boolean verbose() {
        return verbosity > 0;
    }

    /** The plugins folder: {@code --plugins} if given, else {@code K4S_PLUGINS}, else none. */
    Path pluginsFolder(Path option) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get(PLUGINS_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv.trim());
    }

    /** A cluster in memory that sees the classpath and the plugins folder, if any. */
    K4sCluster startCluster(Path pluginsOption) {
        return startCluster(pluginsOption, new StorageOptions());
    }

    /** A cluster that sees the classpath and the plugins folder, if any, keeping resources where {@code storage} says. */
    K4sCluster startCluster(Path pluginsOption, StorageOptions storage) {
        return startCluster(pluginsOption, storage, new NodeOptions());
    }

    /**
     * A cluster as {@link #startCluster(Path, StorageOptions)}, running as the node {@code node}
     * names and reaching other nodes through its transport, if any.
     */
    K4sCluster startCluster(Path pluginsOption, StorageOptions storage, NodeOptions node) {
        K4sClusterBuilder builder = K4sCluster.builder();
        node.applyTo(builder);
        Path plugins = pluginsFolder(pluginsOption);
        if (plugins != null) {
            builder.plugins(plugins);
        }
        storage.applyTo(builder);
        return builder.start();
    }

    /** The worker types of the classpath and the plugins folder, if any. */
    WorkerRegistry workerRegistry(Path pluginsOption) {
        return WorkerRegistry.load(pluginsLoader(pluginsOption));
    }

    /** The kinds of the classpath and the plugins folder, if any. */
    KindRegistry kindRegistry(Path pluginsOption) {
        return KindRegistry.load(pluginsLoader(pluginsOption));
    }

    private ClassLoader pluginsLoader(Path pluginsOption) {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        if (parent == null) {
            parent = Main.class.getClassLoader();
        }
        return Plugins.classLoader(pluginsFolder(pluginsOption), parent);
    }
}
