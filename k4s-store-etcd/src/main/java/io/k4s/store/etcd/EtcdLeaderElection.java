package io.k4s.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.election.CampaignResponse;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.k4s.core.control.LeaderElection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elect the node that runs the controllers with etcd's election recipe (jetcd's
 * {@link io.etcd.jetcd.Election}): each candidate grants itself an etcd lease of the election's
 * duration and campaigns, which puts the key {@code NAME/LEASE} on that lease; the candidate
 * whose key has the lowest creation revision leads, the others wait in revision order. The
 * candidate keeps its lease alive every third of the duration; when it cannot (etcd
 * unreachable, or etcd says the lease is gone) for two thirds of the duration, it steps down,
 * before etcd lets the lease and its key expire and the next candidate take over. A node that
 * dies loses its key when its lease runs out, so another takes over within the duration.
 *
 * <p>The campaign runs on the platform thread {@code k4s-leader-election}, which also calls the
 * listener. {@link #close()} resigns and revokes the lease, so a graceful stop hands over at
 * once.
 */
final class EtcdLeaderElection implements LeaderElection {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdLeaderElection.class);

    private final Client client;
    private final ByteSequence name;
    private final String identity;
    private final long ttlSeconds;
    private final Duration renewEvery;
    private final Duration callTimeout;
    private volatile boolean leading;
    private volatile boolean closed;
    private volatile boolean abandoned;
    private volatile long leaseId;
    private volatile LeaderKey leaderKey;
    private Thread thread;

    /**
     * @param client        the etcd client (owned by the backend, closed after this election)
     * @param name          the election's key prefix
     * @param identity      this candidate, written as its key's value
     * @param leaseDuration how long a dead leader keeps the leadership at most (whole seconds, at least 2)
     */
    EtcdLeaderElection(Client client, String name, String identity, Duration leaseDuration) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = KeyLayout.bytes(name);
        this.identity = Objects.requireNonNull(identity, "identity");
        this.ttlSeconds = Math.max(2, (leaseDuration.toMillis() + 999) / 1000);
        this.renewEvery = Duration.ofMillis(ttlSeconds * 1000 / 3);
        this.callTimeout = renewEvery;
    }

    @Override
    public synchronized void start(Listener listener) {
        if (thread != null) {
            throw new IllegalStateException("the election of " + identity + " is started already");
        }
        thread = Thread.ofPlatform().name("k4s-leader-election").daemon(true).start(() -> campaignUntilClosed(listener));
    }

    private void campaignUntilClosed(Listener listener) {
        while (!closed) {
            try {
                campaignOnce(listener);
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                Thread.interrupted();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("leader election of {}: {}; campaigning again in {} ms", identity, e.toString(),
                        renewEvery.toMillis());
                sleep(renewEvery);
            }
        }
    }

    /** Take a lease, campaign on it until elected, lead until the lease is lost or the election closes. */
    private void campaignOnce(Listener listener) throws InterruptedException, ExecutionException, TimeoutException {
        leaseId = client.getLeaseClient().grant(ttlSeconds).get(callTimeout.toMillis(), TimeUnit.MILLISECONDS).getID();
        long lastKept = System.nanoTime();
        CompletableFuture<CampaignResponse> campaign = client.getElectionClient().campaign(name, leaseId,
                ByteSequence.from(identity, StandardCharsets.UTF_8));
        try {
            while (true) {
                try {
                    leaderKey = campaign.get(renewEvery.toMillis(), TimeUnit.MILLISECONDS).getLeader();
                    break;
                } catch (TimeoutException waiting) {
                    lastKept = keepAlive(lastKept);
                }
            }
        } finally {
            campaign.cancel(true);
        }
        leading = true;
        LOG.info("{} leads (etcd lease {}, {} s)", identity, Long.toHexString(leaseId), ttlSeconds);
        listener.elected();
        try {
            while (!closed) {
                sleep(renewEvery);
                lastKept = keepAlive(lastKept);
            }
        } catch (LeaseLost e) {
            LOG.warn("{} no longer leads: {}", identity, e.getMessage());
            // Best effort: if the lease still lives in etcd, its key would hold up the next campaign until it runs out.
            client.getLeaseClient().revoke(leaseId);
        } finally {
            leading = false;
            leaderKey = null;
            listener.deposed();
        }
    }

    /** Renew the lease; the time it was last kept, or {@link LeaseLost} once it may have run out. */
    private long keepAlive(long lastKept) throws InterruptedException {
        if (closed) {
            throw new LeaseLost("the election is closed");
        }
        try {
            LeaseKeepAliveResponse r = client.getLeaseClient().keepAliveOnce(leaseId)
                    .get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.getTTL() <= 0) {
                throw new LeaseLost("etcd lease " + Long.toHexString(leaseId) + " expired");
            }
            return System.nanoTime();
        } catch (ExecutionException | TimeoutException e) {
            long since = System.nanoTime() - lastKept;
            if (since >= TimeUnit.SECONDS.toNanos(ttlSeconds) * 2 / 3) {
                throw new LeaseLost("could not keep etcd lease " + Long.toHexString(leaseId) + " alive for "
                        + TimeUnit.NANOSECONDS.toMillis(since) + " ms: " + e);
            }
            return lastKept;
        }
    }

    @Override
    public boolean isLeader() {
        return leading;
    }

    @Override
    public Optional<String> leader() {
        try {
            KeyValue kv = client.getElectionClient().leader(name).get(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getKv();
            return kv == null ? Optional.empty() : Optional.of(kv.getValue().toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("could not read the leader of the election: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Resign, revoke the lease (so the next candidate leads at once) and stop campaigning. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!abandoned) {
            LeaderKey key = leaderKey;
            try {
                if (key != null) {
                    client.getElectionClient().resign(key).get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (leaseId != 0) {
                    client.getLeaseClient().revoke(leaseId).get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("{} could not resign: {}; the leadership passes when its lease runs out ({} s)", identity,
                        e.toString(), ttlSeconds);
            }
        }
        stopThread();
    }

    /**
     * Stop without resigning or revoking, as a node that dies: the lease runs out in etcd's time.
     * For tests of failover.
     */
    void abandon() {
        abandoned = true;
        closed = true;
        stopThread();
    }

    private void stopThread() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        t.interrupt();
        try {
            if (!t.join(Duration.ofSeconds(5))) {
                LOG.warn("the leader election thread of {} did not end within 5 s", identity);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lease may have run out: this candidate must not lead. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost(String message) {
            super(message, null, false, false);
        }
    }
}
