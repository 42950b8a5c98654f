package io.k4s.controllers;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Write a container's {@code Ready} and {@code ContainersReady} conditions as a kubelet writes a
 * pod's: {@code True} while ready; {@code False} otherwise, with the reason and message of the
 * probe that decided it ({@code ReadinessProbeFailed}, {@code StartupProbePending}...) or else of
 * the container's state ({@code Starting}, {@code CrashLoopBackOff}...). A condition keeps its
 * {@code lastTransitionTime} while its status stays.
 */
final class ReadyConditions {

    /** The type of the condition that says whether Services route to the container. */
    static final String READY = "Ready";
    /** Kubernetes' pod condition for "all containers ready"; a k4s container is one. */
    static final String CONTAINERS_READY = "ContainersReady";

    private ReadyConditions() {}

    /** The conditions for a container that is {@code ready} or not, given its runtime state and stored status. */
    static List<Condition> of(ContainerStatus stored, ContainerState s, boolean ready, String reason, String message,
                              Instant now) {
        String why;
        String text;
        ProbeResult probe = s.lastProbe();
        if (ready) {
            why = probe != null && probe.up() ? probe.probe().text() + "ProbeSucceeded" : "";
            text = probe != null && probe.up() ? probe.describe() : "";
        } else if (s.phase() == ContainerState.Phase.RUNNING && probe != null && !probe.up()) {
            why = probe.probe().text() + "ProbeFailed";
            text = probe.describe();
        } else if (s.phase() == ContainerState.Phase.RUNNING) {
            why = "ProbePending";
            text = "waiting for the first successful probe";
        } else {
            why = !s.initStatus().isEmpty() ? "ContainersNotInitialized" : reason.isEmpty() ? "ContainerNotReady"
                    : reason;
            text = message;
        }
        return List.of(condition(stored, READY, ready, why, text, now),
                condition(stored, CONTAINERS_READY, ready, why, text, now));
    }

    private static Condition condition(ContainerStatus stored, String type, boolean status, String reason,
                                       String message, Instant now) {
        Optional<Condition> old = stored.condition(type);
        Instant since = old.isPresent() && old.get().status() == status && old.get().lastTransitionTime() != null
                ? old.get().lastTransitionTime() : now;
        return new Condition(type, status, reason, message, since);
    }
}
