package io.k4s.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Count the sends a bounded mailbox refused in one measurement iteration; JMH reports
 * {@link #mailboxFull} next to the throughput as a secondary result.
 *
 * <p>One instance per benchmark thread; a producer thread the benchmark starts and joins may add
 * to it (the join publishes the count).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class RefusedSends {

    /** Refused sends in this iteration. */
    public long mailboxFull;

    /** Start each iteration's count at zero. */
    @Setup(Level.Iteration)
    public void reset() {
        mailboxFull = 0;
    }
}
