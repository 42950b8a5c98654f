package io.k4s.bench;

import io.k4s.api.resource.LoadBalancing;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Pick the consumer of one JDK-fabric stage for each message; thread-safe. */
final class JdkRouter {

    private final LoadBalancing policy;
    private final JdkConsumer[] consumers;
    private final AtomicInteger next = new AtomicInteger();

    JdkRouter(LoadBalancing policy, List<JdkConsumer> consumers) {
        this.policy = policy;
        this.consumers = consumers.toArray(JdkConsumer[]::new);
    }

    JdkConsumer pick() {
        return switch (policy) {
            case ROUND_ROBIN -> consumers[Math.floorMod(next.getAndIncrement(), consumers.length)];
            case RANDOM -> consumers[ThreadLocalRandom.current().nextInt(consumers.length)];
            case LEAST_LOADED -> leastLoaded();
        };
    }

    private JdkConsumer leastLoaded() {
        JdkConsumer best = consumers[0];
        for (int i = 1; i < consumers.length; i++) {
            if (consumers[i].backlog() < best.backlog()) {
                best = consumers[i];
            }
        }
        return best;
    }
}
