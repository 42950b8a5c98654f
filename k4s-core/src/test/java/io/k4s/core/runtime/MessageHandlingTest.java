package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.DeadLetter;
import io.k4s.api.MailboxFullException;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.runtime.ContainerState.Phase;
import io.k4s.core.Await;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageHandlingTest {

    private static final Address WORKER = Address.container("default", "w-0");

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    @Test
    void handlerException_failsThatRequestAndTheContainerKeepsGoing() {
        k4s.startReady("w-0", script(Map.of()));

        Throwable failure = Await.failure(k4s.router.request(WORKER, "fail"));

        WorkerFailedException e = assertInstanceOf(WorkerFailedException.class, failure);
        assertEquals(WORKER, e.container());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("asked to fail") && e.getMessage().contains("default/container/w-0"),
                e.getMessage());
        assertEquals("still here", Await.result(k4s.router.request(WORKER, "still here")));
        MessageCounters counters = k4s.state("w-0").counters();
        assertEquals(new MessageCounters(2, 1, 1, 0, 2, counters.requestTime()), counters,
                "both requests were answered, the failed one too");
        assertTrue(k4s.state("w-0").lastError().contains("asked to fail"), k4s.state("w-0").lastError());
        assertEquals(Phase.RUNNING, k4s.state("w-0").phase());
        assertEquals(0, k4s.state("w-0").restartCount());
    }

    @Test
    void failedFireAndForget_isCountedAndBecomesADeadLetter() {
        k4s.startReady("w-0", script(Map.of()));

        k4s.router.send(WORKER, "fail");

        Await.until(() -> k4s.router.deadLetters().count() == 1, "one dead letter");
        DeadLetter letter = k4s.router.deadLetters().recent().get(0);
        assertEquals(WORKER, letter.target());
        assertEquals("fail", letter.payload());
        assertNull(letter.sender());
        assertTrue(letter.reason().startsWith("worker failed") && letter.reason().contains("asked to fail"),
                letter.reason());
        assertInstanceOf(IllegalStateException.class, letter.cause());
        assertEquals(1, k4s.state("w-0").counters().failed());
    }

    @Test
    void completionStageReply_completesLaterWhileTheContainerGoesOn() {
        k4s.startReady("w-0", script(Map.of()));
        CompletableFuture<Object> later = new CompletableFuture<>();

        CompletableFuture<Object> slow = k4s.router.request(WORKER, new TestWorkers.Later(later));
        assertEquals("w-0", Await.result(k4s.router.request(WORKER, "whoami")), "the next message is handled meanwhile");
        assertFalse(slow.isDone());

        later.complete("done");
        assertEquals("done", Await.result(slow));
        Await.until(() -> k4s.state("w-0").counters().processed() == 2, "both counted as processed");
    }

    @Test
    void completionStageFailure_failsTheRequestWithWorkerFailed() {
        k4s.startReady("w-0", script(Map.of()));
        CompletableFuture<Object> later = new CompletableFuture<>();
        CompletableFuture<Object> reply = k4s.router.request(WORKER, new TestWorkers.Later(later));

        later.completeExceptionally(new IllegalArgumentException("no answer"));

        WorkerFailedException e = assertInstanceOf(WorkerFailedException.class, Await.failure(reply));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void fullMailbox_refusesWithTheContainerAndItsCapacity() throws Exception {
        k4s.startReady("w-0", script(Map.of()).withMailboxCapacity(3));
        TestWorkers.Block block = new TestWorkers.Block();
        k4s.router.send(WORKER, block);
        block.awaitEntered();
        for (int i = 0; i < 3; i++) {
            k4s.router.send(WORKER, i);
        }

        MailboxFullException e = assertThrows(MailboxFullException.class, () -> k4s.router.send(WORKER, 3));
        assertEquals(WORKER, e.container());
        assertEquals(3, e.capacity());
        assertInstanceOf(MailboxFullException.class, Await.failure(k4s.router.request(WORKER, 4)));
        assertEquals(3, k4s.state("w-0").counters().queued());

        block.release();
        Await.until(() -> TestWorkers.handled("default/w-0").size() == 3, "the three queued messages handled");
        assertEquals(4, k4s.state("w-0").counters().processed());
    }
}
