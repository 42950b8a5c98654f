package io.k4s.test;

import io.k4s.api.DeadLetter;
import java.util.List;
import java.util.function.Predicate;

/**
 * Assertions about the messages the cluster could not deliver or handle, each waiting up to
 * the deadline; made by {@link ClusterAssert#deadLetters()}.
 */
public final class DeadLettersAssert {

    private final ClusterAssert cluster;

    DeadLettersAssert(ClusterAssert cluster) {
        this.cluster = cluster;
    }

    /** Wait until exactly {@code count} dead letters were recorded. */
    public DeadLettersAssert hasCount(long count) {
        cluster.await(count + " dead letters", () -> cluster.cluster().deadLetterCount() == count, this::seen);
        return this;
    }

    /** Wait until a dead letter matches {@code condition}, which {@code description} describes. */
    public DeadLettersAssert anyMatch(String description, Predicate<DeadLetter> condition) {
        cluster.await("a dead letter " + description,
                () -> cluster.cluster().deadLetters().stream().anyMatch(condition), this::seen);
        return this;
    }

    /** Check now, without waiting, that no message was dead-lettered. */
    public void isEmpty() {
        if (cluster.cluster().deadLetterCount() != 0) {
            throw new AssertionError("expected no dead letters, but " + seen());
        }
    }

    private String seen() {
        List<DeadLetter> letters = cluster.cluster().deadLetters();
        return "there are " + cluster.cluster().deadLetterCount() + ": " + letters.stream()
                .map(d -> d.target() + " " + d.reason() + " (" + d.payload() + ")").toList();
    }
}
