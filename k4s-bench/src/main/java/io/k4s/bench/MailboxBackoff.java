package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.MailboxFullException;
import io.k4s.api.Messenger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Send fire-and-forget messages without outrunning bounded mailboxes: on
 * {@link MailboxFullException} yield, then park briefly, and try again; count every refusal.
 *
 * <p>JMH reports {@link #mailboxFull} next to the throughput as a secondary result, so a run
 * shows how often the producer had to wait. One instance per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class MailboxBackoff {

    private static final long PARK_NANOS = 20_000;

    /** Refused sends in this iteration (a refused send is retried until accepted). */
    public long mailboxFull;

    /** Start each iteration's count at zero. */
    @Setup(Level.Iteration)
    public void reset() {
        mailboxFull = 0;
    }

    /** Send {@code payload} to {@code to}, retrying while the chosen mailbox is full. */
    public void send(Messenger messenger, Address to, Object payload) {
        for (int refused = 0; ; refused++) {
            try {
                messenger.send(to, payload);
                return;
            } catch (MailboxFullException full) {
                mailboxFull++;
                if (refused == 0) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(PARK_NANOS);
                }
            }
        }
    }
}
