package io.k4s.demo;

import io.k4s.api.Address;
import io.k4s.api.Params;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.Resource;
import io.k4s.core.K4sCluster;
import io.k4s.core.kind.KindRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Read commands in kubectl's words, one per line, and run them against a cluster (the verbs
 * are {@link ShellVerbs}; {@link #help(KindRegistry)} lists them), for every kind of the
 * cluster's kind registry.
 *
 * <p>A bad command prints its error to {@code err}, is counted in {@link #failures()}, and the
 * shell goes on (or stops, with fail-fast). Commands that change what runs ({@code apply},
 * {@code scale}, {@code delete}, {@code label}) wait until it has settled, so a script sees the
 * result in its next line. Use it from one thread; only {@link #interrupt()} (Ctrl-C) may be
 * called from another.
 */
final class Shell {

    /** How long {@code apply}, {@code scale} and {@code delete} wait for the cluster to settle. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    /** The help text, naming the cluster's kinds. */
    static String help(KindRegistry kinds) {
        return """
                Commands (kubectl's words; kinds: %s, all):
                  get KIND [NAME...] | KIND/NAME...      list resources; -o yaml|json|wide|name|jsonpath=TEMPLATE,
                                                         -l KEY=VALUE selects by labels, -w follows changes
                  get deadletters                        messages that could not be handled
                  describe KIND/NAME                     show fields, status, conditions, counters
                  explain KIND[.FIELD...]                what a kind or field means, e.g. explain rs.spec.replicas
                  apply -f FILE|DIR|-                    create or update what the manifests describe
                  delete KIND/NAME | KIND -l SEL | KIND --all | -f FILE
                                                         delete resources (what they own goes too)
                  scale KIND/NAME --replicas=N           set the replica count (rs, deploy, kinds with replicas)
                  rollout status|history|undo|pause|resume|restart deploy/NAME
                                                         follow and steer a Deployment's rollout; status waits
                                                         (--timeout D), undo takes --to-revision=N
                  create job NAME --from=cronjob/NAME    run a CronJob's Job now
                  label|annotate KIND/NAME KEY=VALUE KEY- [--overwrite]
                                                         set or remove labels or annotations
                  logs ctr/NAME|deploy/NAME [--tail N] [-f] [--previous] [--timestamps]
                                                         a container's log lines (context.log() and [k4s] lines)
                  send ADDRESS PAYLOAD                   fire-and-forget, e.g. send service/echo hi
                  request ADDRESS PAYLOAD [--timeout D]  ask and print the reply, e.g.
                                                         request service/calc {op: add, a: 2, b: 3}
                  version | help | exit | quit
                Every verb takes -n NAMESPACE (default: default) and -A (all namespaces); apply, delete,
                scale, label and annotate take --dry-run=client|server; VERB --help shows a verb's flags.
                ADDRESS is service/NAME or container/NAME. PAYLOAD is the rest of the line: a flow
                map {k: v} or list [a, b] or a number is sent as that value, "quoted text" unquoted,
                anything else as text. Ctrl-C stops a running command; Ctrl-C twice at the prompt
                leaves.""".formatted(kinds.pluralsAndShortNames());
    }

    private static final Pattern TRAILING_TIMEOUT = Pattern.compile("\\s--timeout(=|\\s+)(\\S+)\\s*$");

    /** What a line did. */
    enum Outcome { OK, FAILED, LEAVE }

    private final K4sCluster cluster;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean verbose;
    private final Lines lines;
    private final CommandLine verbs;
    private volatile Thread commandThread;
    private boolean leave;
    private int failures;
    private int commands;

    Shell(K4sCluster cluster, PrintStream out, PrintStream err, boolean verbose, Lines lines) {
        this.cluster = cluster;
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.lines = lines;
        ResourceCommands resources = new ResourceCommands(cluster, out, new Manifests(lines::untilDocumentEnd, err),
                new GetWatch(cluster, lines, err));
        this.verbs = new CommandLine(new ShellVerbs(this, resources, new Labeling(cluster, out, resources),
                new Logs(cluster, lines, out, err)));
        verbs.addSubcommand(new RolloutVerbs(cluster, out, resources));
        verbs.setOut(new PrintWriter(out, true));
        verbs.setErr(new PrintWriter(err, true));
        verbs.setCaseInsensitiveEnumValuesAllowed(true);
        verbs.setSubcommandsCaseInsensitive(true);
        verbs.setParameterExceptionHandler(this::badArguments);
        verbs.setExecutionExceptionHandler((e, cmd, parsed) -> {
            report(e);
            return K4sCommand.FAILED;
        });
    }

    /**
     * Read and run lines until end of input or {@code exit}; show {@code prompt} before each
     * (none when {@code null}). With {@code failFast}, stop at the first command that fails.
     * Ctrl-C at an empty prompt says how to leave; a second one in a row leaves.
     *
     * @return how many commands failed
     */
    int run(String prompt, boolean failFast) throws IOException {
        boolean interruptedBefore = false;
        while (true) {
            String line;
            try {
                line = lines.next(prompt);
            } catch (InterruptedException ctrlC) {
                if (interruptedBefore) {
                    return failures;
                }
                err.println("(press Ctrl-C again, or type exit or Ctrl-D, to stop the cluster and leave)");
                interruptedBefore = true;
                continue;
            }
            interruptedBefore = false;
            if (line == null) {
                return failures;
            }
            Outcome outcome = execute(line);
            if (outcome == Outcome.LEAVE || outcome == Outcome.FAILED && failFast) {
                return failures;
            }
        }
    }

    /** Run one line; blank lines and {@code #} comments do nothing. */
    Outcome execute(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return Outcome.OK;
        }
        commands++;
        commandThread = Thread.currentThread();
        int code;
        try {
            String verb = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String rest = text.substring(verb.length()).strip();
            // send and request take the rest of the line as it is: the payload keeps its spaces and quotes.
            if (verb.equals("send")) {
                code = guarded(() -> send(rest));
            } else if (verb.equals("request")) {
                code = guarded(() -> request(rest));
            } else {
                code = verbs.execute(Words.split(text).toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            report(e);
            code = K4sCommand.FAILED;
        } finally {
            commandThread = null;
            Thread.interrupted(); // a Ctrl-C that came as the command ended must not hit the next read
        }
        if (code != 0) {
            failures++;
        }
        if (leave) {
            return Outcome.LEAVE;
        }
        return code == 0 ? Outcome.OK : Outcome.FAILED;
    }

    /** The verbs, for completion. */
    List<String> verbNames() {
        return List.copyOf(verbs.getSubcommands().keySet());
    }

    /** How many commands failed so far. */
    int failures() {
        return failures;
    }

    /** How many commands ran so far (blank lines and comments not counted). */
    int commands() {
        return commands;
    }

    /** Ctrl-C while a command runs: stop it (a request is cancelled, a wait or a watch ends). Any thread. */
    void interrupt() {
        Thread running = commandThread;
        if (running != null) {
            running.interrupt();
        }
    }

    private int guarded(Runnable command) {
        try {
            command.run();
            return K4sCommand.OK;
        } catch (RuntimeException e) {
            report(e);
            return K4sCommand.FAILED;
        }
    }

    private void report(Throwable e) {
        if (Errors.unwrap(e) instanceof ManifestException m) {
            m.errors().forEach(error -> err.println(error));
        } else if (Errors.unwrap(e) instanceof CancellationException) {
            err.println("cancelled: " + Errors.describe(e));
        } else {
            err.println("error: " + Errors.describe(e));
        }
        if (verbose) {
            Errors.writeTrace(e, err);
        }
    }

    private int badArguments(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message;
        if (e instanceof UnmatchedArgumentException u && cmd == verbs) {
            String word = args.length == 0 ? "" : args[0];
            message = "unknown command \"" + word + "\"" + suggestion(word, verbs.getSubcommands().keySet())
                    + "; type help for the list of commands";
        } else if (e instanceof UnmatchedArgumentException u && u.isUnknownOption()) {
            String flag = u.getUnmatched().get(0);
            String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
            message = "unknown flag \"" + flag + "\" for " + cmd.getCommandName()
                    + suggestion(name, cmd.getCommandSpec().optionsMap().keySet()) + "; known flags: " + knownFlags(cmd);
        } else {
            message = cmd.getCommandName() + ": " + e.getMessage() + " (" + cmd.getCommandName()
                    + " --help shows its usage)";
        }
        err.println("error: " + message);
        return K4sCommand.FAILED;
    }

    private static String suggestion(String word, Collection<String> candidates) {
        return Suggestions.closest(word, candidates).map(s -> "; did you mean \"" + s + "\"?").orElse("");
    }

    private static String knownFlags(CommandLine cmd) {
        return String.join(", ", cmd.getCommandSpec().options().stream()
                .sorted(Comparator.comparing(OptionSpec::shortestName, String.CASE_INSENSITIVE_ORDER))
                .map(o -> String.join("/", o.names())).toList());
    }

    void send(String rest) {
        Message m = message(rest, "send", false);
        cluster.messenger().send(m.to(), m.payload());
        out.println("sent to " + m.to());
    }

    void request(String rest) {
        Message m = message(rest, "request", true);
        CompletableFuture<Object> reply = m.timeout() == null
                ? cluster.messenger().request(m.to(), m.payload())
                : cluster.messenger().request(m.to(), m.payload(), m.timeout());
        try {
            Object value = reply.get();
            out.println(value == null ? "(no reply value)" : Values.format(value));
        } catch (InterruptedException ctrlC) {
            reply.cancel(true);
            throw new CancellationException("request to " + m.to() + " (a reply that comes later is dropped)");
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    void version() {
        for (String l : Version.lines()) {
            out.println(l);
        }
    }

    void help() {
        out.println(help(cluster.kinds()));
    }

    void leave() {
        leave = true;
    }

    /** An address, a payload and an optional timeout read from the rest of a send/request line. */
    private record Message(Address to, Object payload, Duration timeout) {}

    private static Message message(String rest, String verb, boolean timeoutAllowed) {
        String text = rest.strip();
        Duration timeout = null;
        String namespace = null;
        List<String> known = new ArrayList<>(List.of("-n/--namespace"));
        if (timeoutAllowed) {
            known.add("--timeout");
        }
        // Flags come before the address; after it, everything is payload but a trailing --timeout.
        while (text.startsWith("-")) {
            String[] parts = text.split("\\s+", 3);
            String flag = parts[0];
            String value;
            int eq = flag.indexOf('=');
            if (eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
                text = parts.length > 1 ? text.substring(parts[0].length()).strip() : "";
            } else {
                if (parts.length < 2) {
                    throw new IllegalArgumentException(flag + " needs a value, e.g. " + verb + " " + flag + " "
                            + (flag.equals("--timeout") ? "5s" : "team-a") + " service/echo hi");
                }
                value = parts[1];
                text = parts.length == 3 ? parts[2] : "";
            }
            switch (flag) {
                case "-n", "--namespace" -> namespace = value;
                case "--timeout" -> {
                    if (!timeoutAllowed) {
                        throw unknownFlag(flag, verb, known);
                    }
                    timeout = duration(value);
                }
                default -> throw unknownFlag(flag, verb, known);
            }
        }
        if (timeoutAllowed) {
            Matcher trailing = TRAILING_TIMEOUT.matcher(text);
            if (trailing.find()) {
                timeout = duration(trailing.group(2));
                text = text.substring(0, trailing.start());
            }
        }
        String[] parts = text.strip().split("\\s+", 2);
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException(verb + " needs an address and a payload, e.g. " + verb
                    + " service/echo hello");
        }
        Address to = Address.parse(parts[0]);
        if (namespace != null && to.namespace() == null) {
            to = new Address(to.kind(), namespace, to.name());
        }
        Object payload = Values.parsePayload(parts.length > 1 ? parts[1] : "");
        return new Message(to, payload, timeout);
    }

    private static IllegalArgumentException unknownFlag(String flag, String verb, List<String> known) {
        return new IllegalArgumentException("unknown flag \"" + flag + "\" for " + verb + "; known flags: "
                + String.join(", ", known) + " (before the address; the rest of the line is the payload)");
    }

    /** A {@code --timeout} value: a positive duration such as {@code 500ms}, {@code 2s}, {@code 1m}. */
    static Duration duration(String text) {
        Duration d = Params.parseDuration(text);
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("--timeout expects a positive duration such as 500ms, 2s or 1m, got \""
                    + text + "\"");
        }
        return d;
    }

    /**
     * The replica count of {@code --replicas}.
     *
     * @throws IllegalArgumentException if it is not a whole number from 0 to {@link ReplicaSetSpec#MAX_REPLICAS}
     */
    static int replicaCount(String text) {
        String t = text.strip();
        if (!t.matches("\\+?\\d+")) {
            throw new IllegalArgumentException("--replicas must be a whole number 0 or more, got \"" + text + "\"");
        }
        String digits = t.replaceFirst("^\\+?0*(?=\\d)", "");
        if (digits.length() > 7 || Integer.parseInt(digits) > ReplicaSetSpec.MAX_REPLICAS) {
            throw new IllegalArgumentException("--replicas=" + text + " is too large: at most "
                    + ReplicaSetSpec.MAX_REPLICAS + " replicas");
        }
        return Integer.parseInt(digits);
    }

    /** The kind name as kubectl prints it before a slash: {@code replicaset/calc}. */
    static String slashName(Resource r) {
        return r.kind().toLowerCase(Locale.ROOT) + "/" + r.metadata().name();
    }
}
