package io.k4s.demo;

import io.k4s.api.Address;
import io.k4s.api.Params;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.core.K4sCluster;
import io.k4s.core.kind.KindRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Read commands in kubectl's words, one per line, and run them against a cluster: {@code get},
 * {@code describe}, {@code explain}, {@code apply -f}, {@code delete}, {@code scale},
 * {@code send}, {@code request}, {@code help}, {@code exit}.
 *
 * <p>A bad command prints one error line to {@code err} and the shell goes on. Commands that
 * change what runs ({@code apply}, {@code scale}, {@code delete}) wait until it has settled, so a script sees
 * the result in its next line. Use it from one thread.
 */
final class Shell {

    /** How long {@code apply} and {@code scale} wait for the cluster to settle. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    /** The help text, naming the cluster's kinds. */
    static String help(KindRegistry kinds) {
        return """
                Commands (kubectl's words; kinds: %s, all):
                  get KIND [NAME] [-o FORMAT]            list resources as a table; FORMAT: yaml, json, wide, name
                  describe KIND/NAME                     show fields, status, conditions, counters
                  explain KIND[.FIELD...]                what a kind or field means, e.g. explain rs.spec.replicas
                  apply -f FILE                          create or update what FILE describes
                  delete KIND/NAME | delete -f FILE      delete resources (what they own goes too)
                  scale KIND/NAME --replicas=N           set the replica count (rs, and kinds with replicas)
                  send ADDRESS PAYLOAD                   fire-and-forget, e.g. send service/echo hi
                  request ADDRESS PAYLOAD [--timeout D]  ask and print the reply, e.g.
                                                         request service/calc {op: add, a: 2, b: 3}
                  help                                   this text
                  exit | quit                            stop the cluster and leave
                ADDRESS is service/NAME or container/NAME. PAYLOAD is the rest of the line: a flow
                map {k: v} or list [a, b] or a number is sent as that value, "quoted text" unquoted,
                anything else as text.""".formatted(kinds.pluralsAndShortNames());
    }

    private final K4sCluster cluster;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean verbose;
    private final ResourceCommands resources;

    Shell(K4sCluster cluster, PrintStream out, PrintStream err, boolean verbose) {
        this.cluster = cluster;
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.resources = new ResourceCommands(cluster, out);
    }

    /** Read and run lines until end of input or {@code exit}; print {@code prompt} before each. */
    void run(BufferedReader in, String prompt) throws IOException {
        while (true) {
            if (prompt != null) {
                out.print(prompt);
                out.flush();
            }
            String line = in.readLine();
            if (line == null || !execute(line)) {
                return;
            }
        }
    }

    /**
     * Run one line.
     *
     * @return false if the line asks to leave
     */
    boolean execute(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return true;
        }
        String verb = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        String rest = text.substring(verb.length()).strip();
        try {
            switch (verb) {
                case "exit", "quit" -> {
                    return false;
                }
                case "help", "?" -> out.println(help(cluster.kinds()));
                case "get" -> resources.get(Words.split(rest));
                case "describe" -> resources.describe(Words.split(rest));
                case "explain" -> resources.explain(Words.split(rest));
                case "apply" -> resources.apply(Words.files(Words.split(rest), "apply"));
                case "delete" -> resources.delete(Words.split(rest));
                case "scale" -> scale(Words.split(rest));
                case "send" -> send(rest);
                case "request" -> request(rest);
                default -> throw new IllegalArgumentException("unknown command \"" + verb
                        + "\"; type help for the list of commands");
            }
        } catch (RuntimeException e) {
            err.println("error: " + Errors.describe(e));
            if (verbose) {
                Errors.writeTrace(e, err);
            }
        }
        return true;
    }

    private void scale(List<String> words) {
        List<String> args = new ArrayList<>();
        Integer replicas = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--replicas=")) {
                replicas = replicaCount(w.substring("--replicas=".length()));
            } else if (w.equals("--replicas")) {
                if (i + 1 >= words.size()) {
                    throw new IllegalArgumentException("--replicas needs a number, e.g. scale rs/calc --replicas=3");
                }
                replicas = replicaCount(words.get(++i));
            } else {
                args.add(w);
            }
        }
        if (replicas == null) {
            throw new IllegalArgumentException("say how many replicas: scale rs/NAME --replicas=N");
        }
        Words.Target target = Words.target(args, "scale", cluster.kinds());
        if (target.kind().scale().isEmpty()) {
            throw new IllegalArgumentException(target.kind().kind() + " has no replicas to scale; use scale rs/NAME"
                    + " --replicas=N");
        }
        Resource scaled = cluster.scale(target.kind().type(), ObjectMeta.DEFAULT_NAMESPACE, target.name(), replicas);
        out.println(slashName(scaled) + " scaled to " + replicas);
        resources.settle(List.of(scaled));
    }

    private static int replicaCount(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--replicas must be a whole number 0 or more, got \"" + text + "\"", e);
        }
    }

    private void send(String rest) {
        Message m = message(rest, "send", false);
        cluster.messenger().send(m.to(), m.payload());
        out.println("sent to " + m.to());
    }

    private void request(String rest) {
        Message m = message(rest, "request", true);
        Object reply = m.timeout() == null
                ? cluster.messenger().request(m.to(), m.payload()).join()
                : cluster.messenger().request(m.to(), m.payload(), m.timeout()).join();
        out.println(Values.format(reply));
    }

    /** An address, a payload and an optional timeout read from the rest of a send/request line. */
    private record Message(Address to, Object payload, Duration timeout) {}

    private static Message message(String rest, String verb, boolean timeoutAllowed) {
        String text = rest;
        Duration timeout = null;
        String[] leading = text.split("\\s+", 3);
        if (timeoutAllowed && leading.length >= 2 && leading[0].equals("--timeout")) {
            timeout = duration(leading[1]);
            text = leading.length == 3 ? leading[2] : "";
        } else if (timeoutAllowed && leading[0].startsWith("--timeout=")) {
            timeout = duration(leading[0].substring("--timeout=".length()));
            text = text.substring(leading[0].length()).strip();
        } else if (timeoutAllowed) {
            var trailing = java.util.regex.Pattern.compile("\\s--timeout(=|\\s+)(\\S+)\\s*$").matcher(text);
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
        Object payload = Values.parsePayload(parts.length > 1 ? parts[1] : "");
        return new Message(to, payload, timeout);
    }

    private static Duration duration(String text) {
        Duration d = Params.parseDuration(text);
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("--timeout expects a positive duration such as 500ms, 2s or 1m, got \""
                    + text + "\"");
        }
        return d;
    }

    /** The kind name as kubectl prints it before a slash: {@code replicaset/calc}. */
    static String slashName(Resource r) {
        return r.kind().toLowerCase(Locale.ROOT) + "/" + r.metadata().name();
    }

}
