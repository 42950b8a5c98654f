package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the router finds containers and service endpoints: lock-free lookups for senders,
 * changes under one lock.
 *
 * <p>Registering or unregistering a container costs one slot write per service that names it,
 * never a new snapshot, so scaling a service of many replicas up or down stays linear.
 */
final class Directory {

    private final ConcurrentHashMap<Address, ContainerEndpoint> containers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Address, Endpoints> services = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Container address -> the slots that name it, in every service; guarded by {@link #lock}. */
    private final Map<Address, List<Endpoints.Slot>> slotsByMember = new HashMap<>();

    ContainerEndpoint container(Address address) {
        return containers.get(address);
    }

    Endpoints service(Address address) {
        return services.get(address);
    }

    void register(ContainerEndpoint container) {
        synchronized (lock) {
            containers.put(container.address(), container);
            bind(container.address(), container);
        }
    }

    /** Register a container of another node, unless a local container has its address. */
    void registerRemote(RemoteEndpoint container) {
        synchronized (lock) {
            ContainerEndpoint current = containers.get(container.address());
            if (current == null || current instanceof RemoteEndpoint) {
                containers.put(container.address(), container);
                bind(container.address(), container);
            }
        }
    }

    /** The containers of this node (not the remote ones). */
    List<ContainerEndpoint> local() {
        List<ContainerEndpoint> out = new ArrayList<>();
        for (ContainerEndpoint c : containers.values()) {
            if (!(c instanceof RemoteEndpoint)) {
                out.add(c);
            }
        }
        return out;
    }

    void unregister(ContainerEndpoint container) {
        synchronized (lock) {
            if (containers.remove(container.address(), container)) {
                bind(container.address(), null);
            }
        }
    }

    private void bind(Address member, ContainerEndpoint endpoint) {
        List<Endpoints.Slot> slots = slotsByMember.get(member);
        if (slots != null) {
            for (Endpoints.Slot slot : slots) {
                slot.endpoint = endpoint;
            }
        }
    }

    void update(Address service, LoadBalancing policy, List<String> names) {
        synchronized (lock) {
            Endpoints old = services.get(service);
            if (old != null && old.policy == policy && old.names.equals(names)) {
                return;
            }
            Map<String, Endpoints.Slot> reusable = new HashMap<>();
            if (old != null) {
                for (Endpoints.Slot slot : old.slots) {
                    reusable.put(slot.container.name(), slot);
                }
            }
            Endpoints.Slot[] slots = new Endpoints.Slot[names.size()];
            for (int i = 0; i < slots.length; i++) {
                Endpoints.Slot slot = reusable.remove(names.get(i));
                if (slot == null) {
                    Address member = Address.container(service.namespace(), names.get(i));
                    slot = new Endpoints.Slot(member, containers.get(member));
                    slotsByMember.computeIfAbsent(member, k -> new ArrayList<>(1)).add(slot);
                }
                slots[i] = slot;
            }
            reusable.values().forEach(this::unindex);
            services.put(service, new Endpoints(service, policy, names, slots,
                    old != null ? old.turn : new AtomicLong()));
        }
    }

    void remove(Address service) {
        synchronized (lock) {
            Endpoints old = services.remove(service);
            if (old != null) {
                for (Endpoints.Slot slot : old.slots) {
                    unindex(slot);
                }
            }
        }
    }

    void retain(Set<ResourceKey> keep) {
        synchronized (lock) {
            for (Address service : List.copyOf(services.keySet())) {
                if (!keep.contains(ResourceKey.of(service.namespace(), service.name()))) {
                    remove(service);
                }
            }
        }
    }

    private void unindex(Endpoints.Slot slot) {
        List<Endpoints.Slot> slots = slotsByMember.get(slot.container);
        if (slots != null && slots.remove(slot) && slots.isEmpty()) {
            slotsByMember.remove(slot.container);
        }
    }
}
