package io.k4s.bench;

import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ResourceNames;
import java.util.Map;
import java.util.Objects;

/**
 * Describe one stage of a benchmark topology: a pool of identical workers behind one name.
 *
 * <p>In k4s a stage is a ReplicaSet and a Service, both called {@code name}; in Pekko a pool
 * router actor; in the plain-JDK variant a set of virtual threads with a router in front. The
 * stage is addressed as {@code service/NAME} in every variant.
 *
 * @param name            the stage's name, a DNS-1123 label
 * @param worker          a registered worker type name, for example {@code echo}
 * @param replicas        how many workers, at least 1
 * @param loadBalancing   how a message picks a worker
 * @param mailboxCapacity the bound of each worker's mailbox (Pekko's mailboxes are unbounded)
 * @param params          the workers' parameters
 */
public record Stage(String name, String worker, int replicas, LoadBalancing loadBalancing,
                    int mailboxCapacity, Map<String, Object> params) {

    /** Validates the fields and copies the params. */
    public Stage {
        String problem = ResourceNames.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("stage name \"" + name + "\": " + problem);
        }
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(loadBalancing, "loadBalancing");
        if (replicas < 1) {
            throw new IllegalArgumentException("stage " + name + ": replicas must be at least 1, got " + replicas);
        }
        if (mailboxCapacity < 1 || mailboxCapacity > ContainerSpec.MAX_MAILBOX_CAPACITY) {
            throw new IllegalArgumentException("stage " + name + ": mailboxCapacity must be 1.."
                    + ContainerSpec.MAX_MAILBOX_CAPACITY + ", got " + mailboxCapacity);
        }
        params = Map.copyOf(params);
    }

    /** A stage with the default mailbox capacity and no params. */
    public static Stage of(String name, String worker, int replicas, LoadBalancing loadBalancing) {
        return new Stage(name, worker, replicas, loadBalancing, ContainerSpec.DEFAULT_MAILBOX_CAPACITY, Map.of());
    }

    /** A copy with other params. */
    public Stage withParams(Map<String, Object> params) {
        return new Stage(name, worker, replicas, loadBalancing, mailboxCapacity, params);
    }

    /** A copy with another mailbox capacity. */
    public Stage withMailboxCapacity(int mailboxCapacity) {
        return new Stage(name, worker, replicas, loadBalancing, mailboxCapacity, params);
    }
}
