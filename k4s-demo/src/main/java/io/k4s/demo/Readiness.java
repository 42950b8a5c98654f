package io.k4s.demo;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.RolloutProgress;
import io.k4s.api.resource.Service;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Wait until what was applied has settled: every ReplicaSet has its replicas, every container
 * is ready (or has crashed at least once, or waits for a missing ConfigMap or Secret, so waiting
 * longer would not help), every Deployment
 * has rolled out (or its rollout stopped: deadline exceeded, paused, or a new container
 * crashed), and every Service in the touched namespaces routes to exactly the ready containers
 * it selects.
 *
 * <p>Scripts typed into {@code run} rely on this: the next command sees a settled cluster.
 */
final class Readiness {

    private Readiness() {}

    /**
     * Wait for {@code applied} to settle.
     *
     * @throws io.k4s.api.K4sException naming what was awaited, if it does not settle in time
     */
    static void await(K4sCluster cluster, List<? extends Resource> applied, Duration timeout) {
        if (applied.isEmpty()) {
            return;
        }
        Set<String> namespaces = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (Resource r : applied) {
            namespaces.add(r.metadata().namespace());
            names.add(r.kind().toLowerCase(Locale.ROOT) + "/" + r.metadata().name());
        }
        cluster.await(timeout, String.join(", ", names) + " to be ready and routed",
                () -> applied.stream().allMatch(r -> settled(cluster, r))
                        && namespaces.stream().allMatch(ns -> servicesRouted(cluster, ns)));
    }

    /**
     * The uids of {@code deleted} and of everything that depends on them (through
     * {@code ownerReferences}, transitively) as the store holds it now: what {@link #awaitGone}
     * waits for. Call it before the delete, while the dependents are still listed.
     */
    static Set<String> uidsOf(K4sCluster cluster, List<? extends Resource> deleted) {
        Set<String> uids = new LinkedHashSet<>();
        deleted.forEach(r -> uids.add(r.metadata().uid()));
        List<Resource> everything = new ArrayList<>();
        for (ResourceKind<?> kind : cluster.kinds().kinds()) {
            everything.addAll(cluster.resources().list(kind.type(), null).items());
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Resource r : everything) {
                if (!uids.contains(r.metadata().uid())
                        && r.metadata().ownerReferences().stream().anyMatch(o -> uids.contains(o.uid()))) {
                    grew |= uids.add(r.metadata().uid());
                }
            }
        }
        return uids;
    }

    /**
     * Wait until no resource with one of {@code uids} exists any more, and every Service in
     * {@code namespaces} routes only to ready containers that remain. Waiting by uid, not name,
     * matters: a ReplicaSet recreates a deleted {@code calc-0} at once, under the same name.
     *
     * @throws io.k4s.api.K4sException naming what was awaited, if that does not happen in time
     */
    static void awaitGone(K4sCluster cluster, Set<String> uids, Set<String> namespaces, Duration timeout) {
        if (uids.isEmpty()) {
            return;
        }
        cluster.await(timeout, "the deleted resources and what they owned to be gone",
                () -> cluster.kinds().kinds().stream().allMatch(kind -> cluster.resources().list(kind.type(), null)
                                .items().stream().noneMatch(r -> uids.contains(r.metadata().uid())))
                        && namespaces.stream().allMatch(ns -> servicesRouted(cluster, ns)));
    }

    private static boolean settled(K4sCluster cluster, Resource applied) {
        var key = applied.key();
        return switch (applied) {
            case ReplicaSet ignored -> cluster.resources().get(ReplicaSet.class, key)
                    .map(rs -> settled(rs, owned(cluster, rs))).orElse(true);
            case Container ignored -> cluster.resources().get(Container.class, key)
                    .map(c -> c.status().observedGeneration() == c.metadata().generation() && settled(c))
                    .orElse(true);
            case Deployment ignored -> cluster.resources().get(Deployment.class, key)
                    .map(d -> settled(cluster, d)).orElse(true);
            default -> true;
        };
    }

    /** Its replicas exist and have settled, and its status already counts the ready ones. */
    private static boolean settled(ReplicaSet rs, List<Container> owned) {
        long ready = owned.stream().filter(c -> c.status().ready()).count();
        return rs.status().observedGeneration() == rs.metadata().generation()
                && rs.status().replicas() == rs.spec().replicas()
                && rs.status().readyReplicas() == ready
                && owned.stream().allMatch(Readiness::settled);
    }

    /**
     * Its rollout has completed, or cannot move by itself (progress deadline exceeded, paused),
     * or a container of its current template has crashed (so waiting longer would not help,
     * as for a ReplicaSet).
     */
    private static boolean settled(K4sCluster cluster, Deployment d) {
        RolloutProgress progress = RolloutProgress.of(d);
        if (progress.state() == RolloutProgress.State.OBSERVING) {
            return false;
        }
        if (progress.state().terminal()) {
            return true;
        }
        ContainerTemplate current = d.spec().template();
        return cluster.resources().list(ReplicaSet.class, d.metadata().namespace()).items().stream()
                .filter(rs -> rs.metadata().controller().map(o -> o.refersTo(d)).orElse(false)
                        && rs.spec().template().withoutLabel(Deployment.TEMPLATE_HASH_LABEL).equals(current))
                .flatMap(rs -> owned(cluster, rs).stream())
                .anyMatch(c -> c.status().restartCount() > 0 || c.status().phase() == ContainerPhase.FAILED
                        || waitsForConfig(c.status()));
    }

    private static List<Container> owned(K4sCluster cluster, ReplicaSet rs) {
        return cluster.resources().list(Container.class, rs.metadata().namespace()).items().stream()
                .filter(c -> c.metadata().controller().map(o -> o.uid().equals(rs.metadata().uid())).orElse(false))
                .toList();
    }

    private static boolean settled(Container c) {
        ContainerStatus s = c.status();
        return s.ready() || s.restartCount() > 0 || s.phase() == ContainerPhase.FAILED
                || s.phase() == ContainerPhase.SUCCEEDED || waitsForConfig(s);
    }

    /** Waits for a ConfigMap or Secret that only the user can create, so waiting longer would not help. */
    private static boolean waitsForConfig(ContainerStatus s) {
        return ContainerStatus.CREATE_CONTAINER_CONFIG_ERROR.equals(s.reason());
    }

    private static boolean servicesRouted(K4sCluster cluster, String namespace) {
        List<Container> containers = cluster.resources().list(Container.class, namespace).items();
        for (Service s : cluster.resources().list(Service.class, namespace).items()) {
            List<String> expected = containers.stream()
                    .filter(c -> c.status().ready() && s.spec().selector().matches(c))
                    .map(c -> c.metadata().name()).sorted().toList();
            if (!s.status().endpoints().equals(expected) || cluster.router().readyEndpoints(s.key()) != expected.size()) {
                return false;
            }
        }
        return true;
    }
}
