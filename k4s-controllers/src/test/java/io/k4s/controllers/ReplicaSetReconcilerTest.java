package io.k4s.controllers;

import static io.k4s.controllers.Fixtures.ownedBy;
import static io.k4s.controllers.Fixtures.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.k4s.api.control.Result;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ReplicaSetReconcilerTest {

    private static final ResourceKey KEY = ResourceKey.of("calc");

    private final TestContext ctx = new TestContext();
    private final ReplicaSetReconciler reconciler = new ReplicaSetReconciler();

    private void given(ReplicaSet rs, List<Container> containers) {
        when(ctx.resources.get(ReplicaSet.class, KEY)).thenReturn(Optional.ofNullable(rs));
        ctx.cache(Container.class, containers);
    }

    private List<String> createdNames() {
        ArgumentCaptor<Container> created = ArgumentCaptor.forClass(Container.class);
        verify(ctx.resources, atLeastOnce()).create(created.capture());
        return created.getAllValues().stream().map(c -> c.metadata().name()).toList();
    }

    private ReplicaSetStatus writtenStatus() {
        ArgumentCaptor<ReplicaSet> written = ArgumentCaptor.forClass(ReplicaSet.class);
        verify(ctx.resources).updateStatus(written.capture());
        return written.getValue().status();
    }

    @Test
    void missingReplicas_areCreatedFromTheTemplate_ownedByTheReplicaSet() {
        ReplicaSet rs = replicaSet("calc", 3);
        given(rs, List.of());
        when(ctx.resources.create(any(Container.class))).thenAnswer(i -> i.getArgument(0));

        Result result = reconciler.reconcile(KEY, ctx);

        ArgumentCaptor<Container> created = ArgumentCaptor.forClass(Container.class);
        verify(ctx.resources, times(1)).create(created.capture());
        Container first = created.getValue();
        assertEquals("calc-0", first.metadata().name(), "the first batch is one container");
        assertEquals(List.of(OwnerReference.controlledBy(rs)), first.metadata().ownerReferences());
        assertEquals(Map.of("app", "calc"), first.metadata().labels());
        assertEquals(Map.of("note", "from template"), first.metadata().annotations());
        assertEquals(rs.spec().template().spec(), first.spec());
        assertEquals(new ReplicaSetStatus(1, 0, 1, List.of()), writtenStatus());
        assertEquals(Optional.of(Duration.ZERO), result.requeueDelay(), "more to create: requeued at once");
    }

    /** Reconcile {@code rs} over a store the mock keeps, until it asks for no requeue; the sizes of its batches. */
    private List<Integer> reconcileUntilDone(ReplicaSet rs) {
        List<Container> store = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        List<ReplicaSet> stored = new ArrayList<>(List.of(rs));
        when(ctx.resources.get(ReplicaSet.class, KEY)).thenAnswer(i -> Optional.of(stored.getLast()));
        ctx.cache(Container.class, store);
        when(ctx.resources.create(any(Container.class))).thenAnswer(i -> {
            Container c = i.getArgument(0);
            synchronized (store) { // a batch's creates run at once
                store.add(ownedBy(rs, c.metadata().name(), false));
                ctx.cache(Container.class, store);
            }
            return c;
        });
        when(ctx.resources.updateStatus(any())).thenAnswer(i -> {
            stored.add(i.getArgument(0));
            return i.getArgument(0);
        });
        for (int round = 0; round < 1000; round++) {
            int before = store.size();
            Result result = reconciler.reconcile(KEY, ctx);
            batches.add(store.size() - before);
            assertEquals(store.size(), stored.getLast().status().replicas(), "status written after every batch");
            if (result.requeueDelay().isEmpty()) {
                return batches;
            }
        }
        throw new AssertionError("still creating after 1000 reconciles: " + batches);
    }

    @Test
    void missingReplicas_areCreatedInSlowStartBatches_doublingUpToTheBurst() {
        assertEquals(List.of(1, 2, 4, 8, 5), reconcileUntilDone(replicaSet("calc", 20)));
    }

    @Test
    void aBigScale_createsAtMostTheBurstPerReconcile() {
        List<Integer> batches = reconcileUntilDone(replicaSet("calc", 2_000));

        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 500, 500, 489), batches);
    }

    @Test
    void aHugeScale_createsUpToAnEighthOfTheReplicasPerReconcile_soItTakesFewReconciles() {
        List<Integer> batches = reconcileUntilDone(replicaSet("calc", 16_000));

        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2000, 2000, 2000, 2000, 2000, 2000, 1953),
                batches, "doubling to 2,000 (16,000 / 8), not stopping at " + ReplicaSetReconciler.BURST);
    }

    @Test
    void createThatFails_isReportedAsFailedCreate_andTheNextBatchStartsAtOneAgain() {
        ReplicaSet rs = replicaSet("calc", 3);
        given(rs, List.of());
        when(ctx.resources.create(any(Container.class))).thenThrow(new IllegalStateException("the store is full"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reconciler.reconcile(KEY, ctx));

        assertEquals("the store is full", e.getMessage(), "rethrown, so the queue retries with backoff");
        Condition failure = writtenStatus().conditions().getFirst();
        assertEquals("ReplicaFailure", failure.type());
        assertEquals(ReplicaSetReconciler.FAILED_CREATE, failure.reason());
        assertEquals("cannot create calc-0: the store is full", failure.message());
        verify(ctx.resources, times(1)).create(any());
    }

    @Test
    void extraReplicas_areDeletedHighestIndexFirst() {
        ReplicaSet rs = replicaSet("calc", 2);
        given(rs, List.of(ownedBy(rs, "calc-0", true), ownedBy(rs, "calc-1", true), ownedBy(rs, "calc-10", true),
                ownedBy(rs, "calc-2", true), ownedBy(rs, "calc-3", false)));

        Result result = reconciler.reconcile(KEY, ctx);

        verify(ctx.resources).delete(Container.class, "default", "calc-10", uidOf("calc-10"));
        verify(ctx.resources).delete(Container.class, "default", "calc-3", uidOf("calc-3"));
        verify(ctx.resources).delete(Container.class, "default", "calc-2", uidOf("calc-2"));
        verify(ctx.resources, times(3)).delete(eq(Container.class), any(), any(), any(DeleteOptions.class));
        verify(ctx.resources, never()).create(any());
        assertEquals(new ReplicaSetStatus(2, 2, 1, List.of()), writtenStatus());
        assertTrue(result.isDone());
    }

    @Test
    void aBigScaleDown_deletesEveryExtraReplica_inOneReconcile_allAtOnce() {
        ReplicaSet rs = replicaSet("calc", 100);
        List<Container> owned = new ArrayList<>();
        for (int i = 0; i < ReplicaSetReconciler.BURST * 2 + 100; i++) {
            owned.add(ownedBy(rs, "calc-" + i, true));
        }
        given(rs, owned);
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        when(ctx.resources.delete(eq(Container.class), any(), any(), any(DeleteOptions.class))).thenAnswer(i -> {
            deleted.add(i.getArgument(2));
            threads.add(Thread.currentThread().getName());
            return null;
        });

        Result result = reconciler.reconcile(KEY, ctx);

        Set<String> extra = new HashSet<>();
        for (int i = 100; i < ReplicaSetReconciler.BURST * 2 + 100; i++) {
            extra.add("calc-" + i);
        }
        assertEquals(extra, deleted);
        assertTrue(threads.size() > 1, "deleted from several threads at once: " + threads);
        assertTrue(result.isDone(), "nothing left to delete: " + result);
    }

    @Test
    void aReconcileOnALaggingCache_doesNotDeleteAgain_norReplaceWhatItDeleted() {
        ReplicaSet rs = replicaSet("calc", 1);
        Container extra = ownedBy(rs, "calc-1", true);
        given(rs, List.of(ownedBy(rs, "calc-0", true), extra));
        reconciler.reconcile(KEY, ctx);
        verify(ctx.resources, times(1)).delete(Container.class, "default", "calc-1", uidOf("calc-1"));

        // Scaled back to 2 before the cache showed the delete: calc-1 is still there, unmarked.
        ReplicaSet scaledUp = replicaSet("calc", 2);
        given(scaledUp, List.of(ownedBy(rs, "calc-0", true), extra));
        reconciler.reconcile(KEY, ctx);
        verify(ctx.resources, times(1)).delete(Container.class, "default", "calc-1", uidOf("calc-1"));
        verify(ctx.resources, never()).create(any());

        // The cache shows it gone: calc-1 is created again; a new calc-1 later is not taken for the old.
        given(scaledUp, List.of(ownedBy(rs, "calc-0", true)));
        when(ctx.resources.create(any(Container.class))).thenAnswer(i -> i.getArgument(0));
        reconciler.reconcile(KEY, ctx);
        assertEquals(List.of("calc-1"), createdNames());
    }

    @Test
    void aDeleteSeenInTheCache_isForgotten_soAStaleReadOfTheSameUidIsDeletedAgain() {
        ReplicaSet rs = replicaSet("calc", 0);
        Container extra = ownedBy(rs, "calc-0", true);
        given(rs, List.of(extra));
        reconciler.reconcile(KEY, ctx);
        Container marked = extra.withMetadata(extra.metadata().withDeletion(Fixtures.CREATED, null));
        given(rs, List.of(marked));
        reconciler.reconcile(KEY, ctx); // the cache shows the mark: nothing is expected any more

        given(rs, List.of(extra)); // shown unmarked again: deleted again, nothing is skipped for good
        reconciler.reconcile(KEY, ctx);

        verify(ctx.resources, times(2)).delete(Container.class, "default", "calc-0", uidOf("calc-0"));
    }

    @Test
    void ownedContainerWithANameOutsideTheScheme_isDeleted() {
        ReplicaSet rs = replicaSet("calc", 1);
        given(rs, List.of(ownedBy(rs, "calc-0", true), ownedBy(rs, "calc-01", true), ownedBy(rs, "calc-x", true)));

        reconciler.reconcile(KEY, ctx);

        verify(ctx.resources).delete(Container.class, "default", "calc-01", uidOf("calc-01"));
        verify(ctx.resources).delete(Container.class, "default", "calc-x", uidOf("calc-x"));
        verify(ctx.resources, never()).delete(eq(Container.class), eq("default"), eq("calc-0"), any(DeleteOptions.class));
    }

    @Test
    void containerDeletedByHand_isRecreated_andOnlyIt() {
        ReplicaSet rs = replicaSet("calc", 3);
        given(rs, List.of(ownedBy(rs, "calc-0", true), ownedBy(rs, "calc-2", true)));
        when(ctx.resources.create(any(Container.class))).thenAnswer(i -> i.getArgument(0));

        reconciler.reconcile(KEY, ctx);

        assertEquals(List.of("calc-1"), createdNames());
        assertEquals(new ReplicaSetStatus(3, 2, 1, List.of()), writtenStatus());
    }

    @Test
    void unchangedStatus_isNotWritten_andExistingContainersAreNotTouched() {
        ReplicaSet fresh = replicaSet("calc", 2);
        ReplicaSet rs = fresh.withStatus(new ReplicaSetStatus(2, 1, 1, List.of()));
        given(rs, List.of(ownedBy(rs, "calc-0", true), ownedBy(rs, "calc-1", false)));

        reconciler.reconcile(KEY, ctx);

        verify(ctx.resources).get(ReplicaSet.class, KEY);
        verifyNoMoreInteractions(ctx.resources);
    }

    @Test
    void replicaSetBeingDeleted_createsAndDeletesNothing_andOnlyReportsItsStatus() {
        ReplicaSet live = replicaSet("calc", 2);
        ReplicaSet rs = live.withMetadata(live.metadata().withFinalizers(List.of("foregroundDeletion"))
                .withDeletion(ctx.clock.instant(), null));
        given(rs, List.of(ownedBy(rs, "calc-0", true), ownedBy(rs, "calc-7", true)));

        reconciler.reconcile(KEY, ctx);

        verify(ctx.resources, never()).create(any());
        verify(ctx.resources, never()).delete(any(), any(), any(), any(DeleteOptions.class));
        assertEquals(new ReplicaSetStatus(1, 1, 1, List.of()), writtenStatus());
    }

    @Test
    void templateChange_affectsOnlyNewContainers() {
        ReplicaSet old = replicaSet("calc", 1);
        ReplicaSet changed = old.withSpec(new ReplicaSetSpec(2,
                ContainerTemplate.of(Map.of("app", "calc"), ContainerSpec.of("calculator"))));
        given(changed, List.of(ownedBy(old, "calc-0", true)));
        when(ctx.resources.create(any(Container.class))).thenAnswer(i -> i.getArgument(0));

        reconciler.reconcile(KEY, ctx);

        ArgumentCaptor<Container> created = ArgumentCaptor.forClass(Container.class);
        verify(ctx.resources).create(created.capture());
        assertEquals("calc-1", created.getValue().metadata().name());
        assertEquals("calculator", created.getValue().spec().worker());
        verify(ctx.resources, never()).update(any());
        verify(ctx.resources, never()).delete(any(), any(), any(), any(DeleteOptions.class));
    }

    @Test
    void containersNotControlledByIt_areLeftAlone_andATakenNameIsReported() {
        ReplicaSet rs = replicaSet("calc", 2);
        Container stranger = Fixtures.container("calc-1", Map.of(), true);
        ReplicaSet other = replicaSet("other", 1);
        Container otherOwned = new Container(stranger.metadata().withOwnerReferences(
                List.of(new OwnerReference("ReplicaSet", "calc", "uid-of-an-older-calc", true))),
                stranger.spec(), stranger.status());
        given(rs, List.of(ownedBy(rs, "calc-0", true), otherOwned, ownedBy(other, "calc-5", true)));
        when(ctx.resources.create(any(Container.class)))
                .thenThrow(new AlreadyExistsException("Container", ResourceKey.of("calc-1")));
        when(ctx.resources.get(Container.class, "default", "calc-1")).thenReturn(Optional.of(otherOwned));

        reconciler.reconcile(KEY, ctx);

        verify(ctx.resources, never()).delete(any(), any(), any(), any(DeleteOptions.class));
        ReplicaSetStatus s = writtenStatus();
        assertEquals(1, s.replicas());
        Condition failure = s.conditions().getFirst();
        assertEquals("ReplicaFailure", failure.type());
        assertEquals("NameTaken", failure.reason());
        assertTrue(failure.message().contains("calc-1"), failure.message());
    }

    @Test
    void aTakenName_doesNotCountAgainstTheBatch_theNextIndexIsTriedInstead() {
        ReplicaSet rs = replicaSet("calc", 3);
        Container stranger = Fixtures.container("calc-0", Map.of(), true);
        given(rs, List.of());
        when(ctx.resources.create(any(Container.class))).thenAnswer(i -> {
            Container c = i.getArgument(0);
            if (c.metadata().name().equals("calc-0")) {
                throw new AlreadyExistsException("Container", ResourceKey.of("calc-0"));
            }
            return c;
        });
        when(ctx.resources.get(Container.class, "default", "calc-0")).thenReturn(Optional.of(stranger));

        Result result = reconciler.reconcile(KEY, ctx);

        assertEquals(List.of("calc-0", "calc-1"), createdNames(), "a batch of one: calc-0 is taken, calc-1 is made");
        assertEquals(1, writtenStatus().replicas());
        assertEquals("NameTaken", writtenStatus().conditions().getFirst().reason());
        assertEquals(Optional.of(Duration.ZERO), result.requeueDelay(), "calc-2 is still to create");
    }

    @Test
    void deletedReplicaSet_needsNothing() {
        given(null, List.of());

        assertTrue(reconciler.reconcile(KEY, ctx).isDone());

        verify(ctx.resources).get(ReplicaSet.class, KEY);
        verifyNoMoreInteractions(ctx.resources);
    }

    @Test
    void conflictOnStatusWrite_propagates() {
        ReplicaSet rs = replicaSet("calc", 0);
        given(rs.withStatus(new ReplicaSetStatus(1, 0, 1, List.of())), List.of());
        when(ctx.resources.updateStatus(any())).thenThrow(new ConflictException("ReplicaSet", KEY, 10, 12));

        assertThrows(ConflictException.class, () -> reconciler.reconcile(KEY, ctx));
    }

    @Test
    void tenThousandReplicas_withOneMissing_createsExactlyThatOne() {
        ReplicaSet rs = replicaSet("big", 10_000);
        List<Container> owned = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (i != 5000) {
                owned.add(ownedBy(rs, "big-" + i, true));
            }
        }
        when(ctx.resources.get(ReplicaSet.class, ResourceKey.of("big"))).thenReturn(Optional.of(rs));
        ctx.cache(Container.class, owned);
        when(ctx.resources.create(any(Container.class))).thenAnswer(i -> i.getArgument(0));

        reconciler.reconcile(ResourceKey.of("big"), ctx);

        assertEquals(List.of("big-5000"), createdNames());
        assertEquals(new ReplicaSetStatus(10_000, 9_999, 1, List.of()), writtenStatus());
    }

    @Test
    void containersBeingDeleted_areNotCounted_andTheirNamesWaitUntilTheyAreGone() {
        ReplicaSet rs = replicaSet("calc", 3);
        Container draining = ownedBy(rs, "calc-1", true);
        draining = draining.withMetadata(draining.metadata().withDeletion(Fixtures.CREATED, null));
        Container extraDraining = ownedBy(rs, "calc-5", false);
        extraDraining = extraDraining.withMetadata(extraDraining.metadata().withDeletion(Fixtures.CREATED, null));
        given(rs, List.of(ownedBy(rs, "calc-0", true), draining, extraDraining));
        when(ctx.resources.create(any(Container.class))).thenAnswer(i -> i.getArgument(0));

        Result result = reconciler.reconcile(KEY, ctx);

        assertEquals(List.of("calc-2"), createdNames(), "calc-1 is created again only once the old one is gone");
        assertTrue(result.isDone(), "no slow-start batch is left to run: calc-1's deletion enqueues it again");
        verify(ctx.resources, never()).delete(any(), any(), any(), any(DeleteOptions.class));
        assertEquals(new ReplicaSetStatus(2, 1, 1, List.of()), writtenStatus());
    }

    @Test
    void aNameTakenByItsOwnContainerNotYetInTheCache_isCounted_notReported() {
        ReplicaSet rs = replicaSet("calc", 2);
        given(rs, List.of(ownedBy(rs, "calc-0", true)));
        when(ctx.resources.create(any(Container.class)))
                .thenThrow(new AlreadyExistsException("Container", ResourceKey.of("calc-1")));
        when(ctx.resources.get(Container.class, "default", "calc-1")).thenReturn(Optional.of(ownedBy(rs, "calc-1", false)));

        reconciler.reconcile(KEY, ctx);

        assertEquals(new ReplicaSetStatus(2, 1, 1, List.of()), writtenStatus());
    }

    private static DeleteOptions uidOf(String name) {
        return DeleteOptions.BACKGROUND.withUid("uid-" + name);
    }

    @Test
    void indexOf_acceptsOnlyCanonicalIndices() {
        assertEquals(0, ReplicaSetReconciler.indexOf("calc-0", "calc-"));
        assertEquals(42, ReplicaSetReconciler.indexOf("calc-42", "calc-"));
        assertEquals(-1, ReplicaSetReconciler.indexOf("calc-01", "calc-"));
        assertEquals(-1, ReplicaSetReconciler.indexOf("calc-", "calc-"));
        assertEquals(-1, ReplicaSetReconciler.indexOf("calc-1a", "calc-"));
        assertEquals(-1, ReplicaSetReconciler.indexOf("calc-1-2", "calc-"));
        assertEquals(-1, ReplicaSetReconciler.indexOf("other-1", "calc-"));
        assertEquals(-1, ReplicaSetReconciler.indexOf("calc-1234567890", "calc-"));
    }

    @Test
    void availableReplicas_countContainersReadyForMinReadySeconds_andTheReconcileWakesWhenTheNextOneIs() {
        ReplicaSet rs = replicaSet("calc", 2);
        rs = rs.withSpec(rs.spec().withMinReadySeconds(Duration.ofSeconds(10)));
        Instant now = ctx.clock.instant();
        Container longReady = readySince(ownedBy(rs, "calc-0", true), now.minusSeconds(30));
        Container justReady = readySince(ownedBy(rs, "calc-1", true), now.minusSeconds(4));
        given(rs, List.of(longReady, justReady));

        Result next = reconciler.reconcile(KEY, ctx);

        ReplicaSetStatus s = writtenStatus();
        assertEquals(2, s.readyReplicas());
        assertEquals(1, s.availableReplicas());
        assertEquals(Result.requeueAfter(Duration.ofSeconds(6)), next, "calc-1 becomes available in 6 s");
    }

    private static Container readySince(Container c, Instant since) {
        ContainerStatus s = c.status();
        return c.withStatus(new ContainerStatus(s.phase(), "", "", true, 0, null, null, "", 1, "", since));
    }
}
