package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the router finds containers and service endpoints: lock-free lookups for senders,
 * changes under one lock.
 *
 * <p>Registering or unregistering a container costs one slot write per service that names it,
 * never a new snapshot, so scaling a service of many replicas up or down stays linear. Lookups
 * go by namespace and name ({@link ByName}), so a sender's relative address is found without
 * building the resolved one.
 */
final class Directory {

    private final ByName<ContainerEndpoint> containers = new ByName<>();
    private final ByName<Endpoints> services = new ByName<>();
    private final Object lock = new Object();
    /** Container address -> the slots that name it, in every service; guarded by {@link #lock}. */
    private final Map<Address, List<Endpoints.Slot>> slotsByMember = new HashMap<>();

    /** The container at {@code address} (with its namespace), or {@code null}. */
    ContainerEndpoint container(Address address) {
        return containers.get(address.namespace(), address.name());
    }

    /** The container {@code name} of {@code namespace}, or {@code null}. */
    ContainerEndpoint container(String namespace, String name) {
        return containers.get(namespace, name);
    }

    /** The service at {@code address} (with its namespace), or {@code null}. */
    Endpoints service(Address address) {
        return services.get(address.namespace(), address.name());
    }

    /** The service {@code name} of {@code namespace}, or {@code null}. */
    Endpoints service(String namespace, String name) {
        return services.get(namespace, name);
    }

    void register(ContainerEndpoint container) {
        synchronized (lock) {
            put(container);
        }
    }

    private void put(ContainerEndpoint container) {
        Address a = container.address();
        containers.put(a.namespace(), a.name(), container);
        bind(a, container);
    }

    /** Register a container of another node, unless a local container has its address. */
    void registerRemote(RemoteEndpoint container) {
        synchronized (lock) {
            ContainerEndpoint current = container(container.address());
            if (current == null || current instanceof RemoteEndpoint) {
                put(container);
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
            Address a = container.address();
            if (containers.remove(a.namespace(), a.name(), container)) {
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
            Endpoints old = service(service);
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
                    slot = new Endpoints.Slot(member, container(member));
                    slotsByMember.computeIfAbsent(member, k -> new ArrayList<>(1)).add(slot);
                }
                slots[i] = slot;
            }
            reusable.values().forEach(this::unindex);
            services.put(service.namespace(), service.name(), new Endpoints(service, policy, names, slots,
                    old != null ? old.turn : new AtomicLong()));
        }
    }

    void remove(Address service) {
        synchronized (lock) {
            Endpoints old = services.remove(service.namespace(), service.name());
            if (old != null) {
                for (Endpoints.Slot slot : old.slots) {
                    unindex(slot);
                }
            }
        }
    }

    void retain(Set<ResourceKey> keep) {
        synchronized (lock) {
            List<Address> drop = new ArrayList<>();
            services.forEachKey((namespace, name) -> {
                if (!keep.contains(ResourceKey.of(namespace, name))) {
                    drop.add(Address.service(namespace, name));
                }
            });
            drop.forEach(this::remove);
        }
    }

    private void unindex(Endpoints.Slot slot) {
        List<Endpoints.Slot> slots = slotsByMember.get(slot.container);
        if (slots != null && slots.remove(slot) && slots.isEmpty()) {
            slotsByMember.remove(slot.container);
        }
    }
}
