package io.k4s.controllers;

import static io.k4s.controllers.Fixtures.container;
import static io.k4s.controllers.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.k4s.api.control.Result;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ServiceReconcilerTest {

    private static final ResourceKey KEY = ResourceKey.of("calc");

    private final TestContext ctx = new TestContext();
    private final ServiceReconciler reconciler = new ServiceReconciler();

    private void given(Service service, List<Container> containers) {
        when(ctx.resources.get(Service.class, KEY)).thenReturn(Optional.ofNullable(service));
        when(ctx.resources.list(Container.class, "default")).thenReturn(new ResourceList<>(containers, 20));
    }

    private ServiceStatus writtenStatus(int times) {
        ArgumentCaptor<Service> written = ArgumentCaptor.forClass(Service.class);
        verify(ctx.resources, times(times)).updateStatus(written.capture());
        return written.getValue().status();
    }

    private static Condition endpointsReady(ServiceStatus s) {
        return s.conditions().stream().filter(c -> c.type().equals("EndpointsReady")).findFirst().orElseThrow();
    }

    @Test
    void endpoints_areTheReadyMatchingContainers_sorted() {
        given(service("calc", Selector.glob("calc-*")), List.of(
                container("calc-2", Map.of(), true), container("calc-0", Map.of(), true),
                container("calc-1", Map.of(), false), container("other-0", Map.of(), true)));

        reconciler.reconcile(KEY, ctx);

        ServiceStatus s = writtenStatus(1);
        assertEquals(List.of("calc-0", "calc-2"), s.endpoints());
        Condition c = endpointsReady(s);
        assertTrue(c.status());
        assertEquals("ReadyContainers", c.reason());
        assertEquals(1, s.observedGeneration());
    }

    @Test
    void aContainerBeingDeleted_leavesTheEndpointsAtOnce() {
        Container draining = container("calc-1", Map.of(), true);
        draining = draining.withMetadata(draining.metadata().withDeletion(Fixtures.CREATED, 5L));
        given(service("calc", Selector.glob("calc-*")), List.of(container("calc-0", Map.of(), true), draining));

        reconciler.reconcile(KEY, ctx);

        assertEquals(List.of("calc-0"), writtenStatus(1).endpoints(), "still ready, but being deleted");
    }

    @Test
    void labelSelector_matchesByLabels() {
        given(service("calc", Selector.labels(Map.of("app", "calc"))), List.of(
                container("a", Map.of("app", "calc"), true), container("b", Map.of("app", "other"), true)));

        reconciler.reconcile(KEY, ctx);

        assertEquals(List.of("a"), writtenStatus(1).endpoints());
    }

    @Test
    void selectorMatchingNothing_isAFalseCondition_warnedOnceWhenItLasts() {
        Service fresh = service("calc", Selector.glob("calc-*"));
        given(fresh, List.of(container("other-0", Map.of(), true)));

        Result first = reconciler.reconcile(KEY, ctx);

        ServiceStatus s = writtenStatus(1);
        assertEquals(List.of(), s.endpoints());
        Condition c = endpointsReady(s);
        assertFalse(c.status());
        assertEquals("NoMatchingContainers", c.reason());
        assertTrue(c.message().contains("calc-*"), c.message());
        assertEquals(Result.requeueAfter(ServiceReconciler.NO_MATCH_WARNING_DELAY), first);
        verify(ctx.log, never()).warn(anyString(), any(Object.class), any(Object.class));

        given(fresh.withStatus(s), List.of(container("other-0", Map.of(), true)));
        ctx.clock.advance(ServiceReconciler.NO_MATCH_WARNING_DELAY);
        assertEquals(Result.done(), reconciler.reconcile(KEY, ctx));
        verify(ctx.log, times(1)).warn(anyString(), eq(KEY), contains("calc-*"));

        ctx.clock.advance(Duration.ofSeconds(3));
        reconciler.reconcile(KEY, ctx);
        verify(ctx.resources, times(1)).updateStatus(any());
        verify(ctx.log, times(1)).warn(anyString(), eq(KEY), contains("calc-*"));
    }

    @Test
    void noMatchAfterALongTimeWithoutReadyContainers_stillWaitsBeforeWarning() {
        Service fresh = service("calc", Selector.glob("calc-*"));
        given(fresh, List.of(container("calc-0", Map.of(), false)));
        reconciler.reconcile(KEY, ctx);
        ServiceStatus noneReady = writtenStatus(1);
        ctx.clock.advance(Duration.ofMinutes(10));
        given(fresh.withStatus(noneReady), List.of());

        Result r = reconciler.reconcile(KEY, ctx);

        assertEquals(Result.requeueAfter(ServiceReconciler.NO_MATCH_WARNING_DELAY), r);
        verify(ctx.log, never()).warn(anyString(), any(Object.class), any(Object.class));
    }

    @Test
    void matchingContainersNoneReady_isNoReadyContainers() {
        given(service("calc", Selector.glob("calc-*")), List.of(container("calc-0", Map.of(), false)));

        reconciler.reconcile(KEY, ctx);

        Condition c = endpointsReady(writtenStatus(1));
        assertFalse(c.status());
        assertEquals("NoReadyContainers", c.reason());
        verify(ctx.log, never()).warn(anyString(), any(Object.class), any(Object.class));
    }

    @Test
    void transitionTime_movesOnlyWhenTheConditionFlips() {
        Service fresh = service("calc", Selector.glob("calc-*"));
        given(fresh, List.of(container("calc-0", Map.of(), true)));
        reconciler.reconcile(KEY, ctx);
        ServiceStatus first = writtenStatus(1);
        ctx.clock.advance(Duration.ofSeconds(5));
        given(fresh.withStatus(first),
                List.of(container("calc-0", Map.of(), true), container("calc-1", Map.of(), true)));

        reconciler.reconcile(KEY, ctx);

        ServiceStatus second = writtenStatus(2);
        assertEquals(List.of("calc-0", "calc-1"), second.endpoints());
        assertEquals(endpointsReady(first).lastTransitionTime(), endpointsReady(second).lastTransitionTime());
    }

    @Test
    void conflictOnStatusWrite_propagates() {
        given(service("calc", Selector.glob("calc-*")), List.of());
        when(ctx.resources.updateStatus(any())).thenThrow(new ConflictException("Service", KEY, 10, 11));

        assertThrows(ConflictException.class, () -> reconciler.reconcile(KEY, ctx));
    }

    @Test
    void deletedService_needsNothing() {
        given(null, List.of());

        assertTrue(reconciler.reconcile(KEY, ctx).isDone());

        verify(ctx.resources, never()).updateStatus(any());
    }

    @Test
    void trigger_enqueuesTheNamespacesServices_onlyWhenReadinessLabelsOrExistenceChange() {
        Service a = service("a", Selector.glob("x-*"));
        Service b = service("b", Selector.glob("calc-*"));
        when(ctx.resources.list(Service.class, "default")).thenReturn(new ResourceList<>(List.of(a, b), 20));
        Container notReady = container("calc-0", Map.of("app", "calc"), false);
        when(ctx.resources.get(Container.class, notReady.key())).thenReturn(Optional.of(notReady));
        List<ResourceKey> all = List.of(a.key(), b.key());

        assertEquals(all, List.copyOf(reconciler.servicesFor(notReady, ctx.resources)), "first sight");
        assertEquals(List.of(), List.copyOf(reconciler.servicesFor(notReady, ctx.resources)),
                "nothing a Service looks at changed (a counters-only write)");
        Container ready = container("calc-0", Map.of("app", "calc"), true);
        assertEquals(all, List.copyOf(reconciler.servicesFor(ready, ctx.resources)), "became ready");
        Container relabelled = container("calc-0", Map.of("app", "other"), true);
        assertEquals(all, List.copyOf(reconciler.servicesFor(relabelled, ctx.resources)), "labels changed");
        Container marked = relabelled.withMetadata(relabelled.metadata().withDeletion(Fixtures.CREATED, null));
        assertEquals(all, List.copyOf(reconciler.servicesFor(marked, ctx.resources)), "being deleted");

        when(ctx.resources.get(Container.class, notReady.key())).thenReturn(Optional.empty());
        assertEquals(all, List.copyOf(reconciler.servicesFor(relabelled, ctx.resources)), "deleted");
    }

    @Test
    void registersATriggerOnContainers() {
        assertEquals(Container.class, reconciler.triggers().getFirst().type());
        assertEquals(Service.class, reconciler.resourceType());
    }
}
