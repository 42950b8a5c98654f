package io.k4s.controllers;

import static io.k4s.controllers.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.k4s.api.UnknownWorkerTypeException;
import io.k4s.api.control.Result;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.ContainerState.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class ContainerReconcilerTest {

    private static final ResourceKey KEY = ResourceKey.of("calc-0");
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    private final TestContext ctx = new TestContext();
    private final ContainerReconciler reconciler = new ContainerReconciler();

    private static ContainerState state(Container c, Phase phase, boolean ready) {
        return state(c, phase, ready, MessageCounters.ZERO);
    }

    private static ContainerState state(Container c, Phase phase, boolean ready, MessageCounters counters) {
        return new ContainerState(c.key(), c.metadata().uid(), c.metadata().generation(), phase, ready, 0,
                STARTED, counters, "", null);
    }

    private void given(Container stored, ContainerState running) {
        when(ctx.resources.get(Container.class, KEY)).thenReturn(Optional.ofNullable(stored));
        when(ctx.runtime.state(KEY)).thenReturn(Optional.ofNullable(running));
    }

    private ContainerStatus writtenStatus() {
        ArgumentCaptor<Container> written = ArgumentCaptor.forClass(Container.class);
        verify(ctx.resources).updateStatus(written.capture());
        return written.getValue().status();
    }

    @Test
    void containerTheRuntimeDoesNotRun_isStarted_andStatusReportsStartingOnceItLasts() {
        Container c = container("calc-0", "u1", 1);
        given(c, null);
        when(ctx.runtime.start(eq(c), any())).thenReturn(state(c, Phase.STARTING, false));

        Result result = reconciler.reconcile(KEY, ctx);

        verify(ctx.runtime).start(eq(c), any());
        verify(ctx.resources, never()).updateStatus(any());
        assertEquals(Optional.of(ContainerReconciler.PASSING_REPORTED_AFTER), result.requeueDelay());

        ctx.clock.advance(ContainerReconciler.PASSING_REPORTED_AFTER);
        given(c, state(c, Phase.STARTING, false));
        assertTrue(reconciler.reconcile(KEY, ctx).isDone());

        ContainerStatus s = writtenStatus();
        assertEquals(ContainerPhase.PENDING, s.phase());
        assertEquals("Starting", s.reason());
        assertFalse(s.ready());
        assertEquals(1, s.observedGeneration());
    }

    @Test
    void aStartThatEndsQuickly_isWrittenOnce_asRunningAndReady() {
        Container c = container("calc-0", "u1", 1);
        given(c, null);
        when(ctx.runtime.start(eq(c), any())).thenReturn(state(c, Phase.STARTING, false));
        reconciler.reconcile(KEY, ctx);

        given(c, state(c, Phase.RUNNING, true));
        reconciler.reconcile(KEY, ctx);

        ContainerStatus s = writtenStatus();
        assertEquals(ContainerPhase.RUNNING, s.phase());
        assertTrue(s.ready());
    }

    @Test
    void aDeletedContainerThatDrainsQuickly_isNeverWrittenTerminating_butOneThatTakesAWhileIs() {
        Container c = marked(container("calc-0", "u1", 1), 30L);
        given(c, state(c, Phase.TERMINATING, false));

        Result result = reconciler.reconcile(KEY, ctx);

        verify(ctx.resources, never()).updateStatus(any());
        assertEquals(Optional.of(ContainerReconciler.PASSING_REPORTED_AFTER), result.requeueDelay());

        ctx.clock.advance(ContainerReconciler.PASSING_REPORTED_AFTER);
        reconciler.reconcile(KEY, ctx);

        assertEquals("Terminating", writtenStatus().reason());
    }

    @Test
    void runningContainerWithUnchangedStatus_isNotStartedAgain_andNothingIsWritten() {
        Container fresh = container("calc-0", "u1", 1);
        ContainerState running = state(fresh, Phase.RUNNING, true);
        Container stored = fresh.withStatus(ContainerReconciler.statusOf(fresh, running, ctx.clock.instant()));
        given(stored, running);

        Result result = reconciler.reconcile(KEY, ctx);

        assertTrue(result.isDone());
        verify(ctx.runtime, never()).start(any(), any());
        verify(ctx.resources, never()).updateStatus(any());
    }

    @Test
    void runningContainer_reportsRunningAndReady() {
        Container c = container("calc-0", "u1", 1);
        given(c, state(c, Phase.RUNNING, true));

        reconciler.reconcile(KEY, ctx);

        ContainerStatus s = writtenStatus();
        assertEquals(ContainerPhase.RUNNING, s.phase());
        assertTrue(s.ready());
        assertEquals(STARTED, s.startedAt());
    }

    @Test
    void runtimeRunsAnOlderGeneration_startIsCalledWithTheNewSpec() {
        Container v1 = container("calc-0", "u1", 1);
        ContainerState runningV1 = state(v1, Phase.RUNNING, true);
        Container v2 = container("calc-0", "u1", 2).withStatus(ContainerReconciler.statusOf(v1, runningV1, STARTED));
        given(v2, runningV1);
        when(ctx.runtime.start(eq(v2), any())).thenReturn(state(v2, Phase.STARTING, false));

        reconciler.reconcile(KEY, ctx);

        verify(ctx.runtime).start(eq(v2), any());
        assertEquals(2, writtenStatus().observedGeneration());
    }

    @Test
    void runtimeRunsAnotherUidOfTheSameName_startIsCalled() {
        Container recreated = container("calc-0", "u2", 1);
        given(recreated, state(container("calc-0", "u1", 1), Phase.RUNNING, true));
        when(ctx.runtime.start(eq(recreated), any())).thenReturn(state(recreated, Phase.STARTING, false));

        reconciler.reconcile(KEY, ctx);

        verify(ctx.runtime).start(eq(recreated), any());
    }

    @Test
    void backoff_isReportedAsCrashLoopBackOff_notReady_withTheNextRestartTime() {
        Container c = container("calc-0", "u1", 1);
        Instant next = Instant.parse("2026-01-01T00:00:03Z");
        given(c, new ContainerState(KEY, "u1", 1, Phase.BACKOFF, false, 3, STARTED, null, "boom", next));

        reconciler.reconcile(KEY, ctx);

        ContainerStatus s = writtenStatus();
        assertEquals(ContainerPhase.RUNNING, s.phase());
        assertEquals("CrashLoopBackOff", s.reason());
        assertFalse(s.ready());
        assertEquals(3, s.restartCount());
        assertTrue(s.message().contains(next.toString()), s.message());
        assertEquals("boom", s.lastError());
        verify(ctx.runtime, never()).start(any(), any());
    }

    @Test
    void runningButNoLongerReady_asAfterANotReadyEvent_isWrittenNotReadyAtOnce() {
        Container c = container("calc-0", "u1", 1);
        Container storedReady = c.withStatus(ContainerReconciler.statusOf(c, state(c, Phase.RUNNING, true), STARTED));
        given(storedReady, state(c, Phase.RUNNING, false));

        reconciler.reconcile(KEY, ctx);

        ContainerStatus s = writtenStatus();
        assertEquals(ContainerPhase.RUNNING, s.phase());
        assertFalse(s.ready(), "a readiness change is written at once, not paced like counters");
    }

    @Test
    void terminating_isReportedAsRunningNotReady() {
        Container c = container("calc-0", "u1", 1);
        given(c, state(c, Phase.TERMINATING, false));

        reconciler.reconcile(KEY, ctx);

        ContainerStatus s = writtenStatus();
        assertEquals(ContainerPhase.RUNNING, s.phase());
        assertEquals("Terminating", s.reason());
        assertFalse(s.ready());
    }

    @Test
    void unknownWorkerType_isReportedAsFailed_andNotRetried() {
        Container c = container("calc-0", "u1", 1);
        given(c, null);
        UnknownWorkerTypeException unknown = new UnknownWorkerTypeException("ecko", List.of("echo"), "echo");
        when(ctx.runtime.start(eq(c), any())).thenThrow(unknown);

        Result result = reconciler.reconcile(KEY, ctx);

        assertTrue(result.isDone(), "no retry loop for a spec that cannot work");
        ContainerStatus s = writtenStatus();
        assertEquals(ContainerPhase.FAILED, s.phase());
        assertEquals("UnknownWorkerType", s.reason());
        assertEquals(unknown.getMessage(), s.message());

        when(ctx.resources.get(Container.class, KEY)).thenReturn(Optional.of(c.withStatus(s)));
        assertTrue(reconciler.reconcile(KEY, ctx).isDone());
        verify(ctx.runtime, times(1)).start(any(), any());
        verify(ctx.resources, times(1)).updateStatus(any());
    }

    @Test
    void specChangedToAnUnknownWorker_stopsTheOldGeneration_andReportsFailed() {
        Container v1 = container("calc-0", "u1", 1);
        Container v2 = Container.of(Fixtures.kubelet(Fixtures.stored("calc-0", "u1", 2)), ContainerSpec.of("ecko"));
        given(v2, state(v1, Phase.RUNNING, true));
        when(ctx.runtime.start(eq(v2), any())).thenThrow(new UnknownWorkerTypeException("ecko", List.of("echo"), "echo"));
        when(ctx.runtime.stop(KEY, ContainerSpec.DEFAULT_GRACE_PERIOD)).thenReturn(new CompletableFuture<>());

        reconciler.reconcile(KEY, ctx);

        verify(ctx.runtime).stop(KEY, ContainerSpec.DEFAULT_GRACE_PERIOD);
        assertEquals("UnknownWorkerType", writtenStatus().reason());
    }

    @Test
    void deletedContainerStillRunning_isStopped_withoutWaitingForTheStop() {
        Container c = container("calc-0", "u1", 1);
        given(null, state(c, Phase.RUNNING, true));
        when(ctx.runtime.stop(KEY, ContainerSpec.DEFAULT_GRACE_PERIOD)).thenReturn(new CompletableFuture<>());

        Result result = reconciler.reconcile(KEY, ctx);

        assertTrue(result.isDone());
        verify(ctx.runtime).stop(KEY, ContainerSpec.DEFAULT_GRACE_PERIOD);
        verify(ctx.resources, never()).updateStatus(any());
    }

    @Test
    void deletedContainer_isStoppedWithTheGracePeriodItsSpecAskedFor() {
        Container c = Container.of(Fixtures.kubelet(Fixtures.stored("calc-0", "u1", 1)),
                ContainerSpec.of("echo").withTerminationGracePeriod(Duration.ofSeconds(2)));
        ContainerState running = state(c, Phase.RUNNING, true);
        given(c.withStatus(ContainerReconciler.statusOf(c, running, ctx.clock.instant())), running);
        reconciler.reconcile(KEY, ctx);
        given(null, running);
        when(ctx.runtime.stop(KEY, Duration.ofSeconds(2))).thenReturn(CompletableFuture.completedFuture(null));

        reconciler.reconcile(KEY, ctx);

        verify(ctx.runtime).stop(KEY, Duration.ofSeconds(2));
    }

    @Test
    void deletedContainerThatEnded_isStoppedSoTheRuntimeForgetsIt() {
        Container c = container("calc-0", "u1", 1);
        when(ctx.runtime.stop(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        for (Phase phase : List.of(Phase.STOPPED, Phase.SUCCEEDED, Phase.FAILED)) {
            given(null, state(c, phase, false));
            reconciler.reconcile(KEY, ctx);
        }
        verify(ctx.runtime, times(3)).stop(any(), any());
    }

    @Test
    void deletedContainerStoppingOrUnknown_isLeftAlone() {
        Container c = container("calc-0", "u1", 1);
        given(null, state(c, Phase.TERMINATING, false));
        reconciler.reconcile(KEY, ctx);
        given(null, null);
        reconciler.reconcile(KEY, ctx);

        verify(ctx.runtime, never()).stop(any(), any());
    }

    @Test
    void countersAlone_areWrittenAtMostEveryFewSeconds() {
        Container fresh = container("calc-0", "u1", 1);
        ContainerState before = state(fresh, Phase.RUNNING, true, new MessageCounters(1, 1, 0, 0));
        given(fresh, before);
        reconciler.reconcile(KEY, ctx);
        Container stored = fresh.withStatus(writtenStatus());
        given(stored, state(fresh, Phase.RUNNING, true, new MessageCounters(9, 9, 0, 0)));
        ctx.clock.advance(Duration.ofSeconds(1));

        Result early = reconciler.reconcile(KEY, ctx);

        verify(ctx.resources, times(1)).updateStatus(any());
        assertEquals(Optional.of(Duration.ofSeconds(4)), early.requeueDelay(),
                "asks to look again when the counters are due");

        ctx.clock.advance(Duration.ofSeconds(4));
        Result due = reconciler.reconcile(KEY, ctx);

        assertTrue(due.isDone());
        ArgumentCaptor<Container> written = ArgumentCaptor.forClass(Container.class);
        verify(ctx.resources, times(2)).updateStatus(written.capture());
        assertEquals(9, written.getValue().status().counters().processed());
    }

    @Test
    void countersWithAnotherChange_areWrittenAtOnce() {
        Container fresh = container("calc-0", "u1", 1);
        given(fresh, state(fresh, Phase.RUNNING, true, new MessageCounters(1, 1, 0, 0)));
        reconciler.reconcile(KEY, ctx);
        Container stored = fresh.withStatus(writtenStatus());
        given(stored, state(fresh, Phase.TERMINATING, false, new MessageCounters(5, 5, 0, 0)));

        reconciler.reconcile(KEY, ctx);

        verify(ctx.resources, times(2)).updateStatus(any());
    }

    @Test
    void succeededWithRestartPolicyAlways_isStartedAgain_butNotWithNever() {
        Container always = container("calc-0", "u1", 1);
        given(always, state(always, Phase.SUCCEEDED, false));
        when(ctx.runtime.start(eq(always), any())).thenReturn(state(always, Phase.STARTING, false));
        reconciler.reconcile(KEY, ctx);
        verify(ctx.runtime).start(eq(always), any());

        Container never = always.withSpec(always.spec().withRestartPolicy(RestartPolicy.NEVER));
        given(never, state(never, Phase.FAILED, false));
        reconciler.reconcile(KEY, ctx);
        verify(ctx.runtime, never()).start(eq(never), any());
    }

    @Test
    void failedForGood_isReportedAsFailedWithTheLastError() {
        Container c = container("calc-0", "u1", 1);
        Container never = c.withSpec(c.spec().withRestartPolicy(RestartPolicy.NEVER));
        given(never, new ContainerState(KEY, "u1", 1, Phase.FAILED, false, 0, STARTED, null, "start threw", null));

        reconciler.reconcile(KEY, ctx);

        ContainerStatus s = writtenStatus();
        assertEquals(ContainerPhase.FAILED, s.phase());
        assertEquals("start threw", s.message());
    }

    @Test
    void conflictOnStatusWrite_propagates() {
        Container c = container("calc-0", "u1", 1);
        given(c, state(c, Phase.RUNNING, true));
        when(ctx.resources.updateStatus(any())).thenThrow(new ConflictException("Container", KEY, 10, 11));

        assertThrows(ConflictException.class, () -> reconciler.reconcile(KEY, ctx));
    }

    @Test
    void containerDeletedDuringTheReconcile_isLookedAtAgain() {
        Container c = container("calc-0", "u1", 1);
        given(c, state(c, Phase.RUNNING, true));
        when(ctx.resources.updateStatus(any())).thenThrow(new NotFoundException("Container", KEY));

        Result result = reconciler.reconcile(KEY, ctx);

        assertEquals(Optional.of(Duration.ZERO), result.requeueDelay());
    }

    @Test
    void startedRuntimeState_isReadFromStart_notFromTheEarlierLookup() {
        Container c = container("calc-0", "u1", 1);
        given(c, null);
        when(ctx.runtime.start(eq(c), any())).thenReturn(state(c, Phase.RUNNING, true));

        reconciler.reconcile(KEY, ctx);

        assertTrue(writtenStatus().ready());
    }

    @Test
    void containerWithoutTheFinalizer_getsItBeforeItIsStarted() {
        Container bare = Container.of(Fixtures.stored("calc-0", "u1", 1), ContainerSpec.of("echo"));
        Container held = container("calc-0", "u1", 1);
        given(bare, null);
        when(ctx.resources.update(any(Container.class))).thenReturn(held);
        when(ctx.runtime.start(eq(held), any())).thenReturn(state(held, Phase.STARTING, false));

        reconciler.reconcile(KEY, ctx);

        ArgumentCaptor<Container> updated = ArgumentCaptor.forClass(Container.class);
        InOrder order = inOrder(ctx.resources, ctx.runtime);
        order.verify(ctx.resources).update(updated.capture());
        order.verify(ctx.runtime).start(eq(held), any());
        assertEquals(List.of(ContainerReconciler.FINALIZER), updated.getValue().metadata().finalizers());
    }

    @Test
    void containerBeingDeleted_isStoppedWithTheDeletesGracePeriod_andKeepsItsFinalizerMeanwhile() {
        Container c = marked(container("calc-0", "u1", 1), 3L);
        ContainerState running = state(c, Phase.RUNNING, true);
        given(c, running);
        when(ctx.runtime.stop(KEY, Duration.ofSeconds(3))).thenReturn(new CompletableFuture<>());

        Result result = reconciler.reconcile(KEY, ctx);

        assertTrue(result.isDone(), "the runtime's STOPPED event brings it back");
        verify(ctx.runtime).stop(KEY, Duration.ofSeconds(3));
        verify(ctx.resources, never()).update(any());
        verify(ctx.runtime, never()).start(any(), any());
    }

    @Test
    void containerBeingDeleted_whoseWorkerHasEnded_losesItsFinalizer() {
        Container c = marked(container("calc-0", "u1", 1), null);
        given(c, null);

        reconciler.reconcile(KEY, ctx);

        ArgumentCaptor<Container> updated = ArgumentCaptor.forClass(Container.class);
        verify(ctx.resources).update(updated.capture());
        assertEquals(List.of(), updated.getValue().metadata().finalizers());
        verify(ctx.runtime, never()).stop(any(), any());
    }

    @Test
    void containerBeingDeleted_thatHadCompleted_isForgottenByTheRuntime_thenLosesItsFinalizer() {
        Container c = marked(container("calc-0", "u1", 1), null);
        ContainerState done = state(c, Phase.SUCCEEDED, false);
        when(ctx.resources.get(Container.class, KEY)).thenReturn(Optional.of(c));
        when(ctx.runtime.state(KEY)).thenReturn(Optional.of(done)).thenReturn(Optional.empty());
        when(ctx.runtime.stop(KEY, ContainerSpec.DEFAULT_GRACE_PERIOD)).thenReturn(CompletableFuture.completedFuture(null));

        reconciler.reconcile(KEY, ctx);

        verify(ctx.runtime).stop(KEY, ContainerSpec.DEFAULT_GRACE_PERIOD);
        verify(ctx.resources).update(any());
    }

    private static Container marked(Container c, Long graceSeconds) {
        return c.withMetadata(c.metadata().withDeletion(STARTED, graceSeconds));
    }

    @Test
    void readySince_isSetWhenTheContainerBecomesReady_andKeptWhileItStaysReady() {
        Container c = container("calc-0", "u1", 1);
        ContainerState running = state(c, Phase.RUNNING, true);
        given(c, running);
        reconciler.reconcile(KEY, ctx);
        ContainerStatus first = writtenStatus();
        assertEquals(ctx.clock.instant(), first.readySince());

        ctx.clock.advance(Duration.ofSeconds(3));
        Instant later = ctx.clock.instant();
        ContainerStatus kept = ContainerReconciler.statusOf(c.withStatus(first), running, later);
        assertEquals(first.readySince(), kept.readySince(), "still ready: the time it became ready stays");
        ContainerStatus notReady = ContainerReconciler.statusOf(c.withStatus(first),
                state(c, Phase.BACKOFF, false), later);
        assertEquals(null, notReady.readySince());
    }

    @Test
    void resultOfAnExitedRun_isReportedInStatus() {
        Container c = container("task-1", "u1", 1);
        ContainerState succeeded = new ContainerState(c.key(), "u1", 1, Phase.SUCCEEDED, false, 0, STARTED,
                MessageCounters.ZERO, "", null, "42 words");

        ContainerStatus s = ContainerReconciler.statusOf(c, succeeded, STARTED);

        assertEquals(ContainerPhase.SUCCEEDED, s.phase());
        assertEquals("42 words", s.result());
    }
}
