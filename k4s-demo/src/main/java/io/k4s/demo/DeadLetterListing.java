package io.k4s.demo;

import io.k4s.api.DeadLetter;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.core.K4sCluster;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Print the dead letters for {@code get deadletters}: the fire-and-forget messages that could
 * not be handled (the worker failed, the container stopped with them queued), most recent
 * last, and how many there were since the cluster started. Use it from one thread.
 */
final class DeadLetterListing {

    private static final Set<String> NAMES = Set.of("deadletters", "deadletter", "dl");
    private static final int PAYLOAD_WIDTH = 40;

    private final K4sCluster cluster;
    private final PrintStream out;

    DeadLetterListing(K4sCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
    }

    /** Whether {@code word} asks for dead letters: {@code deadletters}, {@code deadletter} or {@code dl}. */
    static boolean isKind(String word) {
        return NAMES.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Print those whose target is in {@code namespace} ({@code null}: all). */
    void print(List<String> names, String namespace) {
        if (!names.isEmpty()) {
            throw new IllegalArgumentException("get deadletters takes no name; use -n NAMESPACE or -A");
        }
        List<DeadLetter> letters = cluster.deadLetters().stream()
                .filter(d -> namespace == null || namespace.equals(namespaceOf(d))).toList();
        long total = cluster.deadLetterCount();
        if (letters.isEmpty()) {
            out.println("No dead letters" + (namespace == null ? "" : " in " + namespace + " namespace")
                    + " (" + total + " since start).");
            return;
        }
        Table table = namespace == null ? new Table("NAMESPACE", "AGE", "TARGET", "SENDER", "REASON", "PAYLOAD")
                : new Table("AGE", "TARGET", "SENDER", "REASON", "PAYLOAD");
        Instant now = Instant.now();
        for (DeadLetter d : letters) {
            String age = Listing.age(Duration.between(d.at(), now));
            String target = d.target().kind().text() + "/" + d.target().name();
            String sender = d.senderAddress().map(Object::toString).orElse("<outside>");
            String payload = shorten(Values.format(d.payload()));
            if (namespace == null) {
                table.row(namespaceOf(d), age, target, sender, d.reason(), payload);
            } else {
                table.row(age, target, sender, d.reason(), payload);
            }
        }
        table.print(out);
        out.println(letters.size() + " shown, " + total + " since start (the most recent 1,000 are kept).");
    }

    private static String namespaceOf(DeadLetter d) {
        return d.target().namespace() == null ? ObjectMeta.DEFAULT_NAMESPACE : d.target().namespace();
    }

    private static String shorten(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= PAYLOAD_WIDTH ? oneLine : oneLine.substring(0, PAYLOAD_WIDTH - 3) + "...";
    }
}
