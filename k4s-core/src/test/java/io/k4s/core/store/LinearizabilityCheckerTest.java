package io.k4s.core.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.core.store.History.Kind;
import io.k4s.core.store.History.Op;
import io.k4s.core.store.History.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The linearizability checker must reject what is not linearizable, or the contract proves nothing. */
class LinearizabilityCheckerTest {

    @Test
    void checker_rejectsAStaleReadAfterAWriteCompleted() {
        List<Op> ops = List.of(
                new Op(0, "k", Kind.CREATE, "a", 0, Outcome.OK, null, 1, 0, 10),
                new Op(1, "k", Kind.UPDATE, "b", 1, Outcome.OK, null, 2, 20, 30),
                new Op(2, "k", Kind.GET, null, 0, Outcome.OK, "a", 1, 40, 50));
        assertFalse(LinearizabilityChecker.linearizable(ops));
    }

    @Test
    void checker_acceptsAReadConcurrentWithTheWriteEitherWay() {
        List<Op> base = List.of(
                new Op(0, "k", Kind.CREATE, "a", 0, Outcome.OK, null, 1, 0, 10),
                new Op(1, "k", Kind.UPDATE, "b", 1, Outcome.OK, null, 2, 20, 40));
        for (String seen : List.of("a", "b")) {
            List<Op> ops = new ArrayList<>(base);
            ops.add(new Op(2, "k", Kind.GET, null, 0, Outcome.OK, seen, seen.equals("a") ? 1 : 2, 25, 35));
            assertTrue(LinearizabilityChecker.linearizable(ops), "reading " + seen);
        }
    }

    @Test
    void checker_rejectsALostUpdate() {
        // Two updates both based on revision 1 cannot both succeed.
        List<Op> ops = List.of(
                new Op(0, "k", Kind.CREATE, "a", 0, Outcome.OK, null, 1, 0, 10),
                new Op(1, "k", Kind.UPDATE, "b", 1, Outcome.OK, null, 2, 20, 40),
                new Op(2, "k", Kind.UPDATE, "c", 1, Outcome.OK, null, 3, 21, 41));
        assertFalse(LinearizabilityChecker.linearizable(ops));
    }

    @Test
    void checker_rejectsAConflictThatReportsTheWrongRevision() {
        List<Op> ops = List.of(
                new Op(0, "k", Kind.CREATE, "a", 0, Outcome.OK, null, 5, 0, 10),
                new Op(1, "k", Kind.UPDATE, "b", 3, Outcome.CONFLICT, null, 4, 20, 40));
        assertFalse(LinearizabilityChecker.linearizable(ops));
    }
}
