package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.api.Params;
import io.k4s.api.Timer;
import io.k4s.api.WorkerContext;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceClient;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Give a worker hosted by the Pekko or JDK fabric what the benchmark topologies use: its name,
 * params, address and a messenger into the same fabric.
 *
 * <p>Resources, timers and {@code exit} belong to k4s alone; the baselines refuse them with an
 * error that says so, and no benchmark topology uses them.
 */
final class HostedContext implements WorkerContext {

    private final String containerName;
    private final Params params;
    private final Messenger messenger;
    private final Address self;
    private final Logger log;

    HostedContext(String containerName, Map<String, Object> params, Messenger messenger) {
        this.containerName = containerName;
        this.params = Params.of(params);
        this.messenger = messenger;
        this.self = Address.container(ObjectMeta.DEFAULT_NAMESPACE, containerName);
        this.log = LoggerFactory.getLogger("k4s.bench.hosted." + containerName);
    }

    @Override
    public String containerName() {
        return containerName;
    }

    @Override
    public String namespace() {
        return ObjectMeta.DEFAULT_NAMESPACE;
    }

    @Override
    public Map<String, String> labels() {
        return Map.of();
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Address self() {
        return self;
    }

    @Override
    public Messenger messenger() {
        return messenger;
    }

    @Override
    public ResourceClient resources() {
        throw unsupported("resources()");
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public Timer every(Duration period, Object tick) {
        throw unsupported("timers");
    }

    @Override
    public Timer after(Duration delay, Object tick) {
        throw unsupported("timers");
    }

    @Override
    public void exit() {
        throw unsupported("exit()");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(containerName + ": " + what + " is k4s-only; the"
                + " Pekko and JDK baselines host workers for messaging benchmarks only,"
                + " so use a topology without it");
    }
}
