package io.k4s.controllers;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.DeploymentStatus;
import io.k4s.api.resource.DeploymentStrategy;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Secret;
import io.k4s.api.runtime.ContainerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Roll a Deployment's containers from one template to the next through ReplicaSets, as
 * Kubernetes' deployment controller does.
 *
 * <p>Each template gets a ReplicaSet {@code NAME-HASH} (see {@link TemplateHash}), with the
 * template's hash as a {@value Deployment#TEMPLATE_HASH_LABEL} label and its revision in
 * {@value Deployment#REVISION_ANNOTATION}; the ReplicaSet whose template equals the Deployment's
 * is the new one (an undo reuses an old ReplicaSet, which gets the next revision). One reconcile
 * takes one step and writes status; the ReplicaSets' status changes bring the next:
 * <ul>
 *   <li>RollingUpdate: scale the new ReplicaSet up within maxSurge, or else scale old ones down
 *       within maxUnavailable ({@link RolloutSteps}); when nothing moves, trim old ReplicaSets
 *       beyond {@code revisionHistoryLimit}.</li>
 *   <li>Recreate: scale every old ReplicaSet to 0, wait until their containers are gone from the
 *       store and the runtime, then create and scale the new one.</li>
 *   <li>Paused: no new ReplicaSet; a replica count change still applies when one ReplicaSet
 *       is active (there is no proportional scaling of a rollout in progress: the rollout's own
 *       steps absorb it).</li>
 * </ul>
 * Availability counts containers ready for {@code minReadySeconds}; a rollout that makes no
 * progress for {@code progressDeadlineSeconds} reports {@code ProgressDeadlineExceeded} (and keeps
 * trying, within its budgets). Time comes from the context's clock.
 *
 * <p>Thread-safe and stateless.
 */
public final class DeploymentReconciler implements Reconciler {

    /** How often a Recreate rollout looks whether old containers have left the runtime. */
    static final Duration RECREATE_POLL = Duration.ofMillis(50);

    /** Create the reconciler; the manager finds it through ServiceLoader. */
    public DeploymentReconciler() {
    }

    @Override
    public Class<Deployment> resourceType() {
        return Deployment.class;
    }

    @Override
    public Set<Class<? extends Resource>> ownedTypes() {
        return Set.of(ReplicaSet.class);
    }

    /**
     * ConfigMaps and Secrets, for Deployments that restart when one they reference changes; and
     * Containers being deleted, because a rollout counts a leaving container against maxSurge
     * until it is gone, while its ReplicaSet's status does not change when it goes: without this
     * the rollout would wait for the resync to go on.
     */
    @Override
    public List<Trigger> triggers() {
        return List.of(new Trigger(ConfigMap.class, ConfigRollout::deploymentsReferencing),
                new Trigger(Secret.class, ConfigRollout::deploymentsReferencing),
                new Trigger(Container.class, DeploymentReconciler::deploymentOfLeavingContainer));
    }

    /** The Deployment whose ReplicaSet controls {@code changed}, if it is being deleted (or gone). */
    static Collection<ResourceKey> deploymentOfLeavingContainer(Resource changed, ResourceClient resources) {
        if (!changed.metadata().deleting()) {
            return List.of();
        }
        String namespace = changed.metadata().namespace();
        return changed.metadata().controller()
                .filter(ref -> ref.kind().equals(ReplicaSet.KIND))
                .flatMap(ref -> resources.get(ReplicaSet.class, namespace, ref.name()))
                .flatMap(rs -> rs.metadata().controller())
                .filter(ref -> ref.kind().equals(Deployment.KIND))
                .map(ref -> List.of(new ResourceKey(namespace, ref.name())))
                .orElse(List.of());
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        ResourceClient resources = context.resources();
        Deployment d = resources.get(Deployment.class, key).orElse(null);
        if (d == null || d.metadata().deleting()) {
            return Result.done();
        }
        Optional<Deployment> configChanged = ConfigRollout.updated(d, resources);
        if (configChanged.isPresent()) {
            // The next reconcile (this write's event) rolls the changed template out.
            resources.update(configChanged.get());
            context.events().normal(d, "ConfigChanged", "a referenced ConfigMap or Secret changed; rolling out");
            return Result.done();
        }
        Instant now = context.clock().instant();
        Rollout r = new Rollout(d, context, now);
        r.load();
        boolean moved;
        if (d.spec().paused()) {
            moved = r.scalePaused();
        } else if (d.spec().strategy().type() == DeploymentStrategy.Type.RECREATE) {
            moved = r.recreate();
        } else {
            moved = r.rollingUpdate();
        }
        if (r.collided) {
            return r.writeStatus(false, Result.requeueAfter(Duration.ZERO));
        }
        r.writeReplicaSets();
        if (!moved) {
            r.trimHistory();
        }
        r.syncRevisionAnnotation();
        return r.writeStatus(moved, r.waitingForRuntime ? Result.requeueAfter(RECREATE_POLL) : Result.done());
    }

    /** One reconcile of one Deployment: what it owns, and the step taken. One thread. */
    private static final class Rollout {
        private final ReconcileContext context;
        private final ResourceClient resources;
        private final Instant now;
        private Deployment d;
        private final List<OwnedReplicaSet> all = new ArrayList<>();
        private final List<OwnedReplicaSet> old = new ArrayList<>();
        private OwnedReplicaSet newRs;
        /** The new ReplicaSet exists only in this plan so far (created by writeReplicaSets). */
        private boolean creating;
        private boolean created;
        private boolean collided;
        private boolean waitingForRuntime;
        private int collisionCount;

        Rollout(Deployment d, ReconcileContext context, Instant now) {
            this.d = d;
            this.context = context;
            this.resources = context.resources();
            this.now = now;
            this.collisionCount = d.status().collisionCount();
        }

        /** List the ReplicaSets the Deployment controls and their containers; find the new one. */
        void load() {
            String namespace = d.metadata().namespace();
            Map<String, List<Container>> byOwner = new HashMap<>();
            for (Container c : resources.list(Container.class, namespace).items()) {
                c.metadata().controller().ifPresent(ref -> {
                    if (ref.kind().equals(ReplicaSet.KIND)) {
                        byOwner.computeIfAbsent(ref.uid(), u -> new ArrayList<>()).add(c);
                    }
                });
            }
            List<ReplicaSet> owned = new ArrayList<>();
            for (ReplicaSet rs : resources.list(ReplicaSet.class, namespace).items()) {
                if (rs.metadata().controller().map(ref -> ref.refersTo(d)).orElse(false)) {
                    owned.add(rs);
                }
            }
            owned.sort(Comparator.comparing((ReplicaSet rs) -> created(rs)).thenComparing(rs -> rs.metadata().name()));
            Duration minReady = d.spec().minReadySeconds();
            for (ReplicaSet rs : owned) {
                OwnedReplicaSet view = new OwnedReplicaSet(rs, byOwner.getOrDefault(rs.metadata().uid(), List.of()),
                        minReady, now);
                all.add(view);
                if (newRs == null && templateOf(rs).equals(d.spec().template())) {
                    newRs = view;
                } else {
                    old.add(view);
                }
            }
        }

        /** Plan a ReplicaSet for the current template, to be created by writeReplicaSets. */
        private void planNew() {
            ContainerTemplate template = d.spec().template();
            String hash = TemplateHash.of(template, collisionCount);
            ContainerTemplate hashed = template.withLabel(Deployment.TEMPLATE_HASH_LABEL, hash);
            ObjectMeta meta = new ObjectMeta(d.metadata().name() + "-" + hash, d.metadata().namespace(),
                    hashed.labels(), revisionAnnotations(Map.of()), null, 0, 0, null,
                    List.of(OwnerReference.controlledBy(d)));
            ReplicaSet rs = ReplicaSet.of(meta, new ReplicaSetSpec(0, hashed, d.spec().minReadySeconds()));
            newRs = new OwnedReplicaSet(rs, List.of(), d.spec().minReadySeconds(), now);
            all.add(newRs);
            creating = true;
        }

        boolean rollingUpdate() {
            if (newRs == null) {
                planNew();
            }
            int desired = d.spec().replicas();
            DeploymentStrategy strategy = d.spec().strategy();
            if (RolloutSteps.scaleUpNew(newRs, all, desired, strategy.maxSurge(desired))) {
                return true;
            }
            return RolloutSteps.scaleDownOld(newRs, old, all, desired, strategy.maxUnavailable(desired)) || creating;
        }

        boolean recreate() {
            if (RolloutSteps.scaleDownAll(old)) {
                return true;
            }
            if (oldContainersLeft()) {
                return false;
            }
            if (newRs == null) {
                planNew();
            }
            if (newRs.replicas != d.spec().replicas()) {
                newRs.replicas = d.spec().replicas();
                return true;
            }
            return creating;
        }

        /** Whether an old ReplicaSet still has a container in the store, or still running in the runtime. */
        private boolean oldContainersLeft() {
            for (OwnedReplicaSet rs : old) {
                if (rs.containers() > 0) {
                    return true;
                }
            }
            String namespace = d.metadata().namespace();
            for (ContainerState s : context.runtime().list()) {
                if (!s.ended() && s.key().namespace().equals(namespace)) {
                    for (OwnedReplicaSet rs : old) {
                        if (ReplicaSetReconciler.indexOf(s.key().name(), rs.name() + "-") >= 0) {
                            waitingForRuntime = true;
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** Paused: only follow a replica count change, when one ReplicaSet is active. */
        boolean scalePaused() {
            List<OwnedReplicaSet> active = all.stream().filter(rs -> rs.replicas > 0).toList();
            OwnedReplicaSet target = active.size() == 1 ? active.getFirst()
                    : active.isEmpty() && !all.isEmpty() ? (newRs != null ? newRs : all.getLast()) : null;
            if (target == null || target.replicas == d.spec().replicas()) {
                return false;
            }
            target.replicas = d.spec().replicas();
            return true;
        }

        /** Create the planned ReplicaSet, write changed counts, keep the new one's annotations current. */
        void writeReplicaSets() {
            if (creating) {
                ReplicaSet planned = newRs.rs.withSpec(newRs.rs.spec().withReplicas(newRs.replicas));
                try {
                    resources.create(planned);
                    created = true;
                    context.events().normal(d, "ScalingReplicaSet", "Scaled up replica set "
                            + planned.metadata().name() + " from 0 to " + newRs.replicas);
                    context.log().info("Deployment {}: created ReplicaSet {} (revision {}) with {} replicas", d.key(),
                            planned.metadata().name(), OwnedReplicaSet.nextRevision(old), newRs.replicas);
                } catch (AlreadyExistsException e) {
                    ReplicaSet existing = resources.get(ReplicaSet.class, planned.key()).orElse(null);
                    boolean ours = existing != null && existing.metadata().controller()
                            .map(ref -> ref.refersTo(d)).orElse(false)
                            && templateOf(existing).equals(d.spec().template());
                    if (!ours) {
                        collisionCount++;
                        collided = true;
                        context.log().info("Deployment {}: ReplicaSet name {} is taken by another template;"
                                + " collisionCount is now {}", d.key(), planned.metadata().name(), collisionCount);
                    }
                }
            }
            for (OwnedReplicaSet rs : all) {
                if (rs == newRs && creating) {
                    continue;
                }
                ReplicaSet stored = rs.rs;
                ReplicaSetSpec spec = stored.spec().withReplicas(rs.replicas);
                Map<String, String> annotations = stored.metadata().annotations();
                if (rs == newRs) {
                    spec = spec.withMinReadySeconds(d.spec().minReadySeconds());
                    annotations = revisionAnnotations(annotations);
                }
                if (!spec.equals(stored.spec()) || !annotations.equals(stored.metadata().annotations())) {
                    resources.update(stored.withMetadata(stored.metadata().withAnnotations(annotations)).withSpec(spec));
                    if (rs.scaled()) {
                        context.log().debug("Deployment {}: scaled ReplicaSet {} from {} to {}", d.key(), rs.name(),
                                stored.spec().replicas(), rs.replicas);
                        context.events().normal(d, "ScalingReplicaSet", "Scaled "
                                + (rs.replicas > stored.spec().replicas() ? "up" : "down") + " replica set " + rs.name()
                                + " from " + stored.spec().replicas() + " to " + rs.replicas);
                    }
                }
            }
        }

        /**
         * {@code annotations} with the new ReplicaSet's revision (one above every old one) and
         * the Deployment's change cause.
         */
        private Map<String, String> revisionAnnotations(Map<String, String> annotations) {
            Map<String, String> out = new LinkedHashMap<>(annotations);
            long next = OwnedReplicaSet.nextRevision(old);
            long current = newRs == null || creating ? 0 : newRs.revision();
            if (current < next) {
                out.put(Deployment.REVISION_ANNOTATION, Long.toString(next));
            }
            String cause = d.metadata().annotations().get(Deployment.CHANGE_CAUSE_ANNOTATION);
            if (cause != null) {
                out.put(Deployment.CHANGE_CAUSE_ANNOTATION, cause);
            }
            return out;
        }

        /** Delete old ReplicaSets with no replicas and no containers beyond revisionHistoryLimit, oldest first. */
        void trimHistory() {
            List<OwnedReplicaSet> idle = new ArrayList<>();
            for (OwnedReplicaSet rs : old) {
                if (rs.replicas == 0 && rs.containers() == 0 && !rs.rs.metadata().deleting()) {
                    idle.add(rs);
                }
            }
            idle.sort(Comparator.comparingLong(OwnedReplicaSet::revision));
            int excess = idle.size() - d.spec().revisionHistoryLimit();
            for (int i = 0; i < excess; i++) {
                OwnedReplicaSet rs = idle.get(i);
                try {
                    resources.delete(ReplicaSet.class, rs.rs.metadata().namespace(), rs.name());
                    context.log().debug("Deployment {}: deleted old ReplicaSet {} (revision {}) beyond the history"
                            + " limit", d.key(), rs.name(), rs.revision());
                } catch (NotFoundException e) {
                    context.log().debug("old ReplicaSet {} was gone already", rs.name());
                }
            }
        }

        /** Keep the Deployment's revision annotation equal to its new ReplicaSet's. */
        void syncRevisionAnnotation() {
            if (newRs == null || collided || (creating && !created)) {
                return;
            }
            long revision = creating ? OwnedReplicaSet.nextRevision(old)
                    : Math.max(newRs.revision(), OwnedReplicaSet.nextRevision(old));
            String text = Long.toString(revision);
            if (!text.equals(d.metadata().annotations().get(Deployment.REVISION_ANNOTATION))) {
                Map<String, String> annotations = new LinkedHashMap<>(d.metadata().annotations());
                annotations.put(Deployment.REVISION_ANNOTATION, text);
                d = resources.update(d.withMetadata(d.metadata().withAnnotations(annotations)));
            }
        }

        Result writeStatus(boolean moved, Result next) {
            RolloutStatus s = RolloutStatus.of(d, creating && !created ? null : newRs, all, moved, created,
                    collisionCount, now);
            if (!s.status().equals(d.status())) {
                logTransition(d.status(), s.status());
                try {
                    resources.updateStatus(d.withStatus(s.status()));
                } catch (NotFoundException e) {
                    context.log().debug("Deployment {} was deleted while it was reconciled", d.key());
                    return Result.requeueAfter(Duration.ZERO);
                }
            }
            Instant wake = s.deadline();
            for (OwnedReplicaSet rs : all) {
                if (rs.nextAvailable != null && (wake == null || rs.nextAvailable.isBefore(wake))) {
                    wake = rs.nextAvailable;
                }
            }
            if (wake == null) {
                return next;
            }
            Duration between = Duration.between(now, wake);
            Duration untilWake = between.isNegative() ? Duration.ZERO : between;
            return next.requeueDelay().filter(n -> n.compareTo(untilWake) < 0).isPresent() ? next
                    : Result.requeueAfter(untilWake);
        }

        private void logTransition(DeploymentStatus before, DeploymentStatus after) {
            String was = before.condition(DeploymentStatus.PROGRESSING).map(Condition::reason).orElse("");
            String is = after.condition(DeploymentStatus.PROGRESSING).map(Condition::reason).orElse("");
            if (!was.equals(is)) {
                context.log().info("Deployment {}: {} ({} of {} updated, {} available)", d.key(), is,
                        after.updatedReplicas(), d.spec().replicas(), after.availableReplicas());
            }
        }
    }

    /** When a ReplicaSet was created; the epoch for one not stored yet. */
    private static Instant created(ReplicaSet rs) {
        Instant at = rs.metadata().creationTimestamp();
        return at == null ? Instant.EPOCH : at;
    }

    /** A ReplicaSet's template as the Deployment wrote it: without the hash label. */
    static ContainerTemplate templateOf(ReplicaSet rs) {
        return rs.spec().template().withoutLabel(Deployment.TEMPLATE_HASH_LABEL);
    }
}
