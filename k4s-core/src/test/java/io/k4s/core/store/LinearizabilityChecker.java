package io.k4s.core.store;

import io.k4s.core.store.History.Kind;
import io.k4s.core.store.History.Op;
import io.k4s.core.store.History.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decide whether the history of one key is linearizable against a sequential model of one
 * stored resource, with the Wing and Gong search as improved by Lowe (memoised on the set of
 * linearized operations and the model state).
 *
 * <p>The model: a key is absent or holds a value and a resourceVersion. A get returns exactly
 * that; a create needs it absent; an update needs it present and carries its rv (else a
 * conflict that reports the stored rv); an update that writes the stored value changes
 * nothing and returns the stored rv; every other successful write returns an rv greater than
 * any the key had. Single-threaded.
 */
final class LinearizabilityChecker {

    /** The model state of one key; {@code rv} survives a delete (the deletion's revision). */
    record State(boolean exists, String value, long rv) {
        static final State ABSENT = new State(false, null, 0);
    }

    private record Memo(BitSet linearized, State state) {}

    /** A call or return in time order, doubly linked so the search can lift and restore pairs. */
    private static final class Entry {
        final Op op;
        final int index;
        final boolean call;
        Entry match;
        Entry prev;
        Entry next;

        Entry(Op op, int index, boolean call) {
            this.op = op;
            this.index = index;
            this.call = call;
        }
    }

    private LinearizabilityChecker() {}

    /**
     * Whether {@code ops}, all on one key, linearize against the model starting from
     * {@link State#ABSENT}.
     */
    static boolean linearizable(List<Op> ops) {
        List<Entry> events = new ArrayList<>(ops.size() * 2);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Entry call = new Entry(op, i, true);
            Entry ret = new Entry(op, i, false);
            call.match = ret;
            events.add(call);
            events.add(ret);
        }
        // Calls sort before returns at equal times: the operations then count as concurrent.
        events.sort(Comparator.comparingLong((Entry e) -> e.call ? e.op.invoked() : e.op.responded())
                .thenComparing(e -> e.call ? 0 : 1));
        Entry head = new Entry(null, -1, false);
        Entry last = head;
        for (Entry e : events) {
            last.next = e;
            e.prev = last;
            last = e;
        }

        Deque<Entry> calls = new ArrayDeque<>();
        Deque<State> states = new ArrayDeque<>();
        Set<Memo> seen = new HashSet<>();
        BitSet linearized = new BitSet(ops.size());
        State state = State.ABSENT;
        Entry entry = head.next;
        while (head.next != null) {
            if (entry.call) {
                State next = step(state, entry.op);
                if (next != null) {
                    BitSet with = (BitSet) linearized.clone();
                    with.set(entry.index);
                    if (seen.add(new Memo(with, next))) {
                        calls.push(entry);
                        states.push(state);
                        state = next;
                        linearized = with;
                        lift(entry);
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                if (calls.isEmpty()) {
                    return false;
                }
                Entry undone = calls.pop();
                state = states.pop();
                linearized.clear(undone.index);
                unlift(undone);
                entry = undone.next;
            }
        }
        return true;
    }

    private static void lift(Entry call) {
        call.prev.next = call.next;
        call.next.prev = call.prev;
        Entry ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(Entry call) {
        Entry ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        call.next.prev = call;
    }

    /** The state after {@code op} if the model allows its outcome in {@code s}, else null. */
    static State step(State s, Op op) {
        return switch (op.kind()) {
            case GET -> s.exists() ? (Objects.equals(op.value(), s.value()) && op.rv() == s.rv() ? s : null)
                    : (op.value() == null ? s : null);
            case CREATE -> switch (op.outcome()) {
                case OK -> !s.exists() && op.rv() > s.rv() ? new State(true, op.written(), op.rv()) : null;
                case ALREADY_EXISTS -> s.exists() ? s : null;
                default -> null;
            };
            case UPDATE -> switch (op.outcome()) {
                case OK -> !s.exists() || op.readRv() != s.rv() ? null
                        : op.written().equals(s.value()) ? (op.rv() == s.rv() ? s : null)
                        : op.rv() > s.rv() ? new State(true, op.written(), op.rv()) : null;
                case CONFLICT -> s.exists() && op.readRv() != s.rv() && op.rv() == s.rv() ? s : null;
                case NOT_FOUND -> s.exists() ? null : s;
                default -> null;
            };
            case DELETE -> switch (op.outcome()) {
                case OK -> s.exists() && op.rv() > s.rv() ? new State(false, null, op.rv()) : null;
                case NOT_FOUND -> s.exists() ? null : s;
                default -> null;
            };
        };
    }

    /** Whether {@code op} wrote a new revision (a successful create, delete or changing update). */
    static boolean wroteRevision(Op op) {
        return op.outcome() == Outcome.OK && op.kind() != Kind.GET
                && !(op.kind() == Kind.UPDATE && op.rv() == op.readRv());
    }
}
