package io.k4s.api.resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node: one k4s JVM that runs the containers bound to it, as Kubernetes' core {@code Node}
 * ({@code apiVersion: v1}, cluster-scoped). Its node agent registers it, keeps its
 * {@link Lease} renewed and reports {@code Ready}; the node lifecycle controller turns it
 * {@code Unknown} when the lease runs out.
 *
 * @param metadata its name and labels (what {@code nodeSelector}s match)
 * @param spec     whether new containers may be bound to it
 * @param status   its capacity and conditions
 */
public record Node(ObjectMeta metadata, NodeSpec spec, NodeStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Node";

    /** The condition that says whether the node runs its containers. */
    public static final String READY = "Ready";

    /** Requires metadata; an absent spec or status is the empty one. */
    public Node {
        Objects.requireNonNull(metadata, "metadata");
        spec = spec == null ? NodeSpec.SCHEDULABLE : spec;
        status = status == null ? NodeStatus.EMPTY : status;
    }

    /** {@code v1}, Kubernetes' core group. */
    @Override
    public String apiVersion() {
        return ConfigSchemas.CORE_API_VERSION;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Node withMetadata(ObjectMeta metadata) {
        return new Node(metadata, spec, status);
    }

    @Override
    public Node withStatus(Object status) {
        if (!(status instanceof NodeStatus s)) {
            throw new IllegalArgumentException("a Node's status must be a NodeStatus, got " + status);
        }
        return new Node(metadata, spec, s);
    }

    /** Whether its {@code Ready} condition is {@code True}. */
    public boolean ready() {
        return status.condition(READY).map(c -> c.status() == NodeCondition.Status.TRUE).orElse(false);
    }

    /**
     * What a node asks for.
     *
     * @param unschedulable whether the scheduler leaves it out (kubectl's cordon); default false
     */
    public record NodeSpec(boolean unschedulable) {
        /** A node that takes new containers. */
        public static final NodeSpec SCHEDULABLE = new NodeSpec(false);
    }

    /**
     * What a node has and how it is.
     *
     * @param capacity   the most containers it runs, or {@code null} for no limit
     * @param conditions {@code Ready}, with its reason and heartbeat
     * @param images     the worker images containers can start from on it ({@code Available} in its plugins
     *                   folder), {@code NAME:VERSION}, sorted; empty when none
     */
    public record NodeStatus(Integer capacity, List<NodeCondition> conditions, List<String> images) {

        /** A node nobody reported on yet. */
        public static final NodeStatus EMPTY = new NodeStatus(null, List.of(), List.of());

        /** Copies the lists; a capacity must be at least 0. */
        public NodeStatus {
            if (capacity != null && capacity < 0) {
                throw new IllegalArgumentException("status.capacity.containers: must be at least 0, got " + capacity);
            }
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            images = images == null ? List.of() : List.copyOf(images);
        }

        /** A copy that lists {@code images}. */
        public NodeStatus withImages(List<String> images) {
            return new NodeStatus(capacity, conditions, images);
        }

        /** The condition of {@code type}, if reported. */
        public Optional<NodeCondition> condition(String type) {
            return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
        }

        /** A copy with {@code condition} in place of the one of its type (keeping its transition time if the status did not change). */
        public NodeStatus with(NodeCondition condition) {
            List<NodeCondition> copy = new ArrayList<>();
            NodeCondition put = condition;
            for (NodeCondition c : conditions) {
                if (c.type().equals(condition.type())) {
                    if (c.status() == condition.status() && c.lastTransitionTime() != null) {
                        put = condition.withLastTransitionTime(c.lastTransitionTime());
                    }
                } else {
                    copy.add(c);
                }
            }
            copy.addFirst(put);
            return new NodeStatus(capacity, copy, images);
        }
    }

    /**
     * One aspect of a node's state, as Kubernetes' {@code NodeCondition}: its status is
     * {@code True}, {@code False} or {@code Unknown} (the node stopped reporting).
     *
     * @param type               what it is about: {@value Node#READY}
     * @param status             whether it holds, or Unknown
     * @param reason             a CamelCase word, such as {@code NodeReady} or {@code NodeStatusUnknown}
     * @param message            a sentence for people
     * @param lastHeartbeatTime  when the node last reported it
     * @param lastTransitionTime when {@code status} last changed
     */
    public record NodeCondition(String type, Status status, String reason, String message, Instant lastHeartbeatTime,
                                Instant lastTransitionTime) {

        /** Requires a type and status; reason and message default to empty. */
        public NodeCondition {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(status, "status");
            reason = reason == null ? "" : reason;
            message = message == null ? "" : message;
        }

        /** A copy with another transition time. */
        public NodeCondition withLastTransitionTime(Instant time) {
            return new NodeCondition(type, status, reason, message, lastHeartbeatTime, time);
        }

        /** A condition's status, as Kubernetes spells it. */
        public enum Status {
            /** It holds. */
            TRUE("True"),
            /** It does not hold. */
            FALSE("False"),
            /** Nobody knows: the node stopped reporting. */
            UNKNOWN("Unknown");

            private final String text;

            Status(String text) {
                this.text = text;
            }

            /** {@code True}, {@code False} or {@code Unknown}. */
            public String text() {
                return text;
            }
        }
    }
}
