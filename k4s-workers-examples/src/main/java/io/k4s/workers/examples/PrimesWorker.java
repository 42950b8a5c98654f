package io.k4s.workers.examples;

import io.k4s.api.InvalidParamException;
import io.k4s.api.Message;
import io.k4s.api.Params;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.util.BitSet;
import java.util.List;

/**
 * Count the primes below a limit, then end the run with the count: a run-to-completion task for
 * a Job (see {@link WorkerContext#exit(Object)}).
 *
 * <p>Parameters ({@code spec.params}):
 * <table>
 * <caption>primes parameters</caption>
 * <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code limit}</td><td>int, 2..{@value #MAX_LIMIT}</td><td>100000</td>
 *     <td>count the primes below this number (a sieve of Eratosthenes)</td></tr>
 * <tr><td>{@code failIn}</td><td>list of container names</td><td>none</td>
 *     <td>the runs of these containers fail instead, with "flaky on purpose": a stand-in for a
 *     task that fails now and then, to show a Job retrying it (a retry is a new container with
 *     another name, so it succeeds)</td></tr>
 * </table>
 *
 * <p>The run's result is {@code "N primes below LIMIT"}. A request while it counts is answered
 * with {@code "counting primes below LIMIT"}. An instance belongs to one container and is called
 * only on that container's thread.
 */
@WorkerType(value = "primes", description = "Count the primes below a limit and end the run with the count"
        + " (a task for Jobs).")
public final class PrimesWorker implements Worker {

    /** The largest limit, so that one run stays well under a second and a few megabytes. */
    public static final int MAX_LIMIT = 50_000_000;

    private int limit;

    /** Create a primes worker; k4s calls this once per container. */
    public PrimesWorker() {
    }

    /** Read the params, count, and end the run with the count (or fail it, when this container is in failIn). */
    @Override
    public void start(WorkerContext context) {
        Params params = context.params();
        ParamRules.requireOnly(params, "primes", "limit", "failIn");
        limit = ParamRules.atLeast(params, "limit", 100_000, 2);
        if (limit > MAX_LIMIT) {
            throw new InvalidParamException("limit", "expected at most " + MAX_LIMIT + ", got " + limit);
        }
        List<?> failIn = params.has("failIn") ? params.list("failIn") : List.of();
        if (failIn.stream().map(String::valueOf).anyMatch(context.containerName()::equals)) {
            context.fail(new IllegalStateException("flaky on purpose: " + context.containerName()
                    + " is listed in failIn"));
            return;
        }
        context.exit(count(limit) + " primes below " + limit);
    }

    /** Say what it is counting. */
    @Override
    public Object handle(Message message, WorkerContext context) {
        return "counting primes below " + limit;
    }

    /** How many primes are below {@code limit} (at least 2). */
    static int count(int limit) {
        BitSet composite = new BitSet(limit);
        int count = 0;
        for (int n = 2; n < limit; n++) {
            if (!composite.get(n)) {
                count++;
                for (long m = (long) n * n; m < limit; m += n) {
                    composite.set((int) m);
                }
            }
        }
        return count;
    }
}
