package io.k4s.core.control;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A test reconciler that counts its calls per key and does what the test tells it to. */
final class RecordingReconciler implements Reconciler {

    /** What one reconcile does; {@code call} counts this key's calls from 1. */
    @FunctionalInterface
    interface Behaviour {
        Result reconcile(ResourceKey key, int call) throws Exception;
    }

    private final String name;
    private final Class<? extends Resource> type;
    private Set<Class<? extends Resource>> owned = Set.of();
    private final List<Trigger> triggers = new ArrayList<>();
    private int concurrency = 2;
    private volatile Behaviour behaviour = (key, call) -> Result.done();
    private final Map<ResourceKey, AtomicInteger> calls = new ConcurrentHashMap<>();

    RecordingReconciler(String name, Class<? extends Resource> type) {
        this.name = name;
        this.type = type;
    }

    RecordingReconciler owning(Class<? extends Resource> ownedType) {
        this.owned = Set.of(ownedType);
        return this;
    }

    RecordingReconciler triggeredBy(Trigger trigger) {
        triggers.add(trigger);
        return this;
    }

    RecordingReconciler concurrency(int n) {
        this.concurrency = n;
        return this;
    }

    RecordingReconciler behaving(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    int calls(ResourceKey key) {
        AtomicInteger n = calls.get(key);
        return n == null ? 0 : n.get();
    }

    int calls(String name) {
        return calls(ResourceKey.of(name));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<? extends Resource> resourceType() {
        return type;
    }

    @Override
    public Set<Class<? extends Resource>> ownedTypes() {
        return owned;
    }

    @Override
    public List<Trigger> triggers() {
        return List.copyOf(triggers);
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) throws Exception {
        int call = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return behaviour.reconcile(key, call);
    }
}
