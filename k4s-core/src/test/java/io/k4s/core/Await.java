package io.k4s.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Wait for a condition with a deadline, never for a fixed time: the one waiting helper of
 * k4s-core's tests (runtime, control, store, messaging, registry), and of the store contracts in
 * its test jar. Polls every 2 ms.
 */
public final class Await {

    /** The deadline tests use unless they need another. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private Await() {}

    /** Poll {@code condition} until it holds; fail naming {@code what} after {@link #DEADLINE}. */
    public static void until(BooleanSupplier condition, String what) {
        until(DEADLINE, condition, () -> what);
    }

    /** Poll {@code condition} until it holds; fail naming {@code what} after {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        until(timeout, condition, () -> what);
    }

    /** Poll until {@code condition} holds or {@code timeout} passes; the message is computed at the failure. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** The value of {@code future}, waiting up to {@link #DEADLINE}; its failure is rethrown as is. */
    public static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError("future failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("future did not complete within " + DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The exception {@code future} completes with, waiting up to {@link #DEADLINE}. */
    public static Throwable failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got the value " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("future did not complete within " + DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
