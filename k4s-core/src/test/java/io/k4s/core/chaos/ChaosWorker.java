package io.k4s.core.chaos;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;

/**
 * Do what the chaos test's {@link ChaosBoard} says: count fire-and-forget work it handled,
 * answer requests with the work id, throw from handle or start while the board asks for it,
 * and crash or exit on a {@link Fault} message.
 *
 * <p>Registered in the test services file; the board is named by {@code spec.params.board}.
 */
@WorkerType(value = "chaos", description = "test worker driven by a chaos board")
public final class ChaosWorker implements Worker {

    /** One unit of work: fire-and-forget or a request. */
    public record Work(long id) {}

    /** A fault the chaos driver injects into one container with a direct request. */
    public enum Fault {
        /** Throw an exception from handle: the request fails, the container keeps running. */
        THROW,
        /** Throw an Error from handle: the container crashes and restarts with backoff. */
        CRASH,
        /** Call context.exit(): the container ends cleanly and restartPolicy Always starts it again. */
        EXIT
    }

    private ChaosBoard board;

    /** Created by ServiceLoader, one per container run. */
    public ChaosWorker() {
    }

    @Override
    public void start(WorkerContext context) {
        board = ChaosBoard.named(context.params().string("board"));
        board.starts.increment();
        if (board.failStarts) {
            board.failedStarts.increment();
            throw new IllegalStateException("chaos: start fails while the board says so");
        }
    }

    @Override
    public Object handle(Message message, WorkerContext context) {
        Object payload = message.payload();
        if (payload instanceof Work work) {
            if (board.throwing && work.id() % 7 == 0) {
                throw new IllegalStateException("chaos: handle throws for work " + work.id());
            }
            if (!message.replyExpected()) {
                board.handled.increment();
            }
            return work.id();
        }
        if (payload instanceof Fault fault) {
            switch (fault) {
                case THROW -> throw new IllegalStateException("chaos: injected handler failure");
                case CRASH -> throw new ChaosCrash();
                case EXIT -> context.exit();
                default -> throw new IllegalArgumentException("unknown fault " + fault);
            }
            return fault.name();
        }
        throw new IllegalArgumentException("chaos worker got an unexpected payload: " + payload);
    }

    /** The Error a CRASH fault throws: it kills the container's run. */
    static final class ChaosCrash extends Error {
        private static final long serialVersionUID = 1L;

        ChaosCrash() {
            super("chaos: injected crash", null, false, false);
        }
    }
}
