package io.k4s.core;

import io.k4s.api.K4sException;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.RolloutFailedException;
import io.k4s.api.resource.RolloutHistory;
import io.k4s.api.resource.RolloutProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follow and steer a Deployment's rollouts, as {@code kubectl rollout} does: status (and waiting
 * for it), history, undo, pause, resume and restart. Reach it with {@link K4sCluster#rollouts()}.
 *
 * <pre>{@code
 * cluster.apply(Path.of("web-v2.yaml"));
 * cluster.rollouts().await("default", "web", Duration.ofMinutes(1),
 *         progress -> System.out.println(progress.message()));
 * cluster.rollouts().undo("default", "web", 0);   // back to the previous revision
 * }</pre>
 *
 * <p>Each change is a read-modify-write of the Deployment's spec (or template) that reads again
 * when another writer came between; the Deployment controller then does the rollout. Thread-safe;
 * {@link #await} calls its listener on the calling thread.
 */
public final class Rollouts {

    private final ResourceClient resources;
    private final Applier applier;
    private final Clock clock;
    private final K4sCluster cluster;

    Rollouts(K4sCluster cluster, ResourceClient resources, Applier applier, Clock clock) {
        this.cluster = cluster;
        this.resources = resources;
        this.applier = applier;
        this.clock = clock;
    }

    /**
     * Say how far the rollout of a Deployment has come, now ({@code rollout status --watch=false}).
     *
     * @throws NotFoundException if the Deployment does not exist
     */
    public RolloutProgress status(String namespace, String name) {
        return RolloutProgress.of(deployment(namespace, name));
    }

    /**
     * Wait until the rollout of a Deployment completes ({@code rollout status}), calling
     * {@code onProgress} with the first progress seen and with each one that differs from the
     * one before (another message or count), on this thread. Waiting re-checks at every change
     * of the store, never sleeping longer than needed.
     *
     * @return the progress once {@link RolloutProgress.State#COMPLETE}
     * @throws RolloutFailedException if the rollout exceeds its progress deadline, is paused with
     *                                its rollout unfinished, or has not completed within
     *                                {@code timeout} ({@link RolloutFailedException#timedOut()})
     * @throws NotFoundException      if the Deployment does not exist or is deleted meanwhile
     * @throws K4sException           if the waiting thread is interrupted (its interrupt flag is set)
     */
    public RolloutProgress await(String namespace, String name, Duration timeout, Consumer<RolloutProgress> onProgress) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onProgress, "onProgress");
        RolloutProgress[] last = {null};
        try {
            cluster.await(timeout, "the rollout of deployment \"" + ResourceKey.of(namespace, name) + "\"", () -> {
                RolloutProgress now = status(namespace, name);
                if (!now.equals(last[0])) {
                    last[0] = now;
                    onProgress.accept(now);
                }
                return now.state().terminal();
            });
        } catch (NotFoundException gone) {
            throw gone;
        } catch (K4sException timedOut) {
            if (Thread.currentThread().isInterrupted() || last[0] == null) {
                throw timedOut;
            }
            throw new RolloutFailedException(last[0], timeout);
        }
        if (last[0].state() != RolloutProgress.State.COMPLETE) {
            throw new RolloutFailedException(last[0], null);
        }
        return last[0];
    }

    /** Wait for a rollout without following its progress; see {@link #await(String, String, Duration, Consumer)}. */
    public RolloutProgress await(String namespace, String name, Duration timeout) {
        return await(namespace, name, timeout, progress -> { });
    }

    /**
     * List a Deployment's revisions, oldest first, with their change causes ({@code rollout
     * history}).
     *
     * @throws NotFoundException if the Deployment does not exist
     */
    public RolloutHistory history(String namespace, String name) {
        Deployment d = deployment(namespace, name);
        return RolloutHistory.of(d, resources.list(ReplicaSet.class, namespace).items());
    }

    /**
     * Roll a Deployment back to the template of revision {@code toRevision}, or of the revision
     * before the current one when it is 0 ({@code rollout undo [--to-revision=N]}): a new rollout,
     * after which that template is the newest revision. The Deployment's change cause becomes the
     * one that revision was rolled out with. Undoing to the current template changes nothing.
     *
     * @return the Deployment as stored
     * @throws IllegalArgumentException naming the revisions kept, if there is no such revision
     * @throws IllegalStateException    if the Deployment is paused (resume it first, as kubectl asks)
     * @throws NotFoundException        if the Deployment does not exist
     */
    public Deployment undo(String namespace, String name, long toRevision) {
        return applier.update(Deployment.class, ResourceKey.of(namespace, name), d -> {
            if (d.spec().paused()) {
                throw new IllegalStateException("deployment \"" + d.key() + "\" is paused: resume it before an undo"
                        + " (a paused Deployment does not roll out)");
            }
            RolloutHistory.Revision target = RolloutHistory.of(d, resources.list(ReplicaSet.class, namespace).items())
                    .undoTarget(toRevision);
            if (target.template().equals(d.spec().template())) {
                return d;
            }
            Map<String, String> annotations = new LinkedHashMap<>(d.metadata().annotations());
            if (target.changeCause().isEmpty()) {
                annotations.remove(Deployment.CHANGE_CAUSE_ANNOTATION);
            } else {
                annotations.put(Deployment.CHANGE_CAUSE_ANNOTATION, target.changeCause());
            }
            return d.withMetadata(d.metadata().withAnnotations(annotations))
                    .withSpec(d.spec().withTemplate(target.template()));
        });
    }

    /**
     * Pause a Deployment: template changes wait until {@link #resume}; a replica count change
     * still applies ({@code rollout pause}). Pausing a paused Deployment changes nothing.
     *
     * @return the Deployment as stored
     * @throws NotFoundException if the Deployment does not exist
     */
    public Deployment pause(String namespace, String name) {
        return setPaused(namespace, name, true);
    }

    /**
     * Resume a paused Deployment: a template change made while paused rolls out now, with a
     * fresh progress deadline ({@code rollout resume}). Resuming one that is not paused changes
     * nothing.
     *
     * @return the Deployment as stored
     * @throws NotFoundException if the Deployment does not exist
     */
    public Deployment resume(String namespace, String name) {
        return setPaused(namespace, name, false);
    }

    private Deployment setPaused(String namespace, String name, boolean paused) {
        return applier.update(Deployment.class, ResourceKey.of(namespace, name),
                d -> d.spec().paused() == paused ? d : d.withSpec(d.spec().withPaused(paused)));
    }

    /**
     * Replace every container of a Deployment by a rollout of the same template
     * ({@code rollout restart}): the template's {@value Deployment#RESTARTED_AT_ANNOTATION}
     * annotation is set to the cluster clock's time, which makes it a new template.
     *
     * @return the Deployment as stored
     * @throws IllegalStateException if the Deployment is paused (the restart would wait; resume it first)
     * @throws NotFoundException     if the Deployment does not exist
     */
    public Deployment restart(String namespace, String name) {
        String now = clock.instant().toString();
        return applier.update(Deployment.class, ResourceKey.of(namespace, name), d -> {
            if (d.spec().paused()) {
                throw new IllegalStateException("deployment \"" + d.key() + "\" is paused: resume it before a restart"
                        + " (a paused Deployment does not roll out)");
            }
            ContainerTemplate t = d.spec().template();
            Map<String, String> annotations = new LinkedHashMap<>(t.annotations());
            annotations.put(Deployment.RESTARTED_AT_ANNOTATION, now);
            return d.withSpec(d.spec().withTemplate(new ContainerTemplate(t.labels(), annotations, t.spec())));
        });
    }

    private Deployment deployment(String namespace, String name) {
        return resources.get(Deployment.class, namespace, name)
                .orElseThrow(() -> new NotFoundException(Deployment.KIND, ResourceKey.of(namespace, name)));
    }
}
