package io.k4s.demo;

import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.K4sCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The shell's input at a terminal, through JLine: line editing, history, completion of verbs,
 * kinds and names (and of {@code rollout}'s actions and {@code create job --from=cronjob/NAME}), and output printed above the prompt, so log lines of crash-looping
 * containers never land in the middle of what the user types.
 *
 * <p>{@link #read} is called by one thread at a time; {@link #output()} may be written from any
 * thread (JLine's {@code printAbove} redraws the prompt under each line).
 */
final class LineEditor implements Lines.Source, AutoCloseable {

    private static final List<String> RESOURCE_VERBS = List.of("get", "describe", "delete", "scale", "label",
            "annotate");

    private static final List<String> ROLLOUT_ACTIONS = List.of("status", "history", "undo", "pause", "resume",
            "restart");

    private final Terminal terminal;
    private final LineReader reader;
    private final PrintStream output;
    private volatile List<String> verbs = List.of();

    /** A line editor on {@code terminal}, completing names of resources in {@code cluster}. */
    LineEditor(Terminal terminal, K4sCluster cluster) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("k4s")
                .completer((r, line, candidates) -> complete(cluster, verbs, line, candidates))
                .variable(LineReader.HISTORY_SIZE, 1000)
                .build();
        this.output = new PrintStream(new AbovePrompt(reader), true, StandardCharsets.UTF_8);
    }

    /** Complete {@code verbNames}; Ctrl-C outside a read (while a command runs) calls {@code onInterrupt}. */
    void attach(List<String> verbNames, Runnable onInterrupt) {
        this.verbs = List.copyOf(verbNames);
        terminal.handle(Terminal.Signal.INT, signal -> onInterrupt.run());
    }

    @Override
    public String read(String prompt) throws InterruptedException {
        try {
            return reader.readLine(prompt == null ? "" : prompt);
        } catch (UserInterruptException ctrlC) {
            throw new InterruptedException("Ctrl-C");
        } catch (EndOfFileException ctrlD) {
            return null;
        }
    }

    /** Where the shell and the log print while the editor is open: above the prompt. */
    PrintStream output() {
        return output;
    }

    @Override
    public void close() throws IOException {
        output.flush();
        terminal.close();
    }

    /**
     * Add the candidates for the word under the cursor: verbs first; then kinds and names for the
     * resource verbs, {@code rollout}'s actions and Deployments, {@code create job} and its
     * {@code --from=cronjob/NAME}.
     */
    static void complete(K4sCluster cluster, List<String> verbs, ParsedLine line, List<Candidate> candidates) {
        int index = line.wordIndex();
        if (index == 0) {
            verbs.forEach(v -> candidates.add(new Candidate(v)));
            return;
        }
        String verb = line.words().get(0).toLowerCase(Locale.ROOT);
        String word = line.word();
        int slash = word.indexOf('/');
        if (verb.equals("rollout")) {
            if (index == 1) {
                ROLLOUT_ACTIONS.forEach(a -> candidates.add(new Candidate(a)));
            } else if (slash > 0) {
                kindAndNames(cluster, word, candidates);
            } else {
                names(cluster, Deployment.class).forEach(n -> candidates.add(new Candidate("deployment/" + n)));
            }
            return;
        }
        if (verb.equals("create")) {
            if (index == 1) {
                candidates.add(new Candidate("job"));
            } else if (word.startsWith("--from=")) {
                names(cluster, CronJob.class).forEach(n -> candidates.add(new Candidate("--from=cronjob/" + n)));
            } else if (word.startsWith("-")) {
                candidates.add(new Candidate("--from=cronjob/", "--from=cronjob/NAME", null, null, null, null, false));
            }
            return;
        }
        if (!RESOURCE_VERBS.contains(verb)) {
            return;
        }
        if (slash > 0) {
            kindAndNames(cluster, word, candidates);
        } else if (index == 1) {
            for (ResourceKind<?> kind : cluster.kinds().kinds()) {
                candidates.add(new Candidate(kind.plural(), kind.plural(), null, null, null, null, true));
                candidates.add(new Candidate(kind.singular() + "/", kind.kind() + "/NAME", null, null, null, null,
                        false));
            }
            candidates.add(new Candidate("all"));
            if (verb.equals("get")) {
                candidates.add(new Candidate("deadletters"));
            }
        } else {
            cluster.kinds().find(line.words().get(1))
                    .ifPresent(kind -> names(cluster, kind.type()).forEach(n -> candidates.add(new Candidate(n))));
        }
    }

    /** {@code KIND/NAME} for each name of the kind {@code word} starts with. */
    private static void kindAndNames(K4sCluster cluster, String word, List<Candidate> candidates) {
        int slash = word.indexOf('/');
        cluster.kinds().find(word.substring(0, slash)).ifPresent(k -> names(cluster, k.type())
                .forEach(n -> candidates.add(new Candidate(word.substring(0, slash + 1) + n))));
    }

    private static List<String> names(K4sCluster cluster, Class<? extends Resource> type) {
        return cluster.resources().list(type, null).items().stream().map(r -> r.metadata().name()).distinct().toList();
    }

    /** Collect bytes into lines and print each complete line above the prompt. Thread-safe. */
    private static final class AbovePrompt extends OutputStream {
        private final LineReader reader;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        AbovePrompt(LineReader reader) {
            this.reader = reader;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                reader.printAbove(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
