package io.k4s.api.resource;

import java.util.List;

/**
 * Report a service's endpoints: the ready containers its selector matches.
 *
 * @param endpoints          names of the ready matching containers, sorted
 * @param conditions         for example {@code EndpointsReady=false, NoMatchingContainers}
 * @param observedGeneration the spec generation this status reflects
 */
public record ServiceStatus(List<String> endpoints, List<Condition> conditions, long observedGeneration) {

    /** Nothing observed yet. */
    public static final ServiceStatus EMPTY = new ServiceStatus(List.of(), List.of(), 0);

    /** Copies the lists. */
    public ServiceStatus {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
