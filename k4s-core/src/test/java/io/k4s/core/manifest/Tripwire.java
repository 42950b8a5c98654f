package io.k4s.core.manifest;

import java.util.concurrent.atomic.AtomicInteger;

/** A class a hostile manifest names in a tag; counts how often anything built one. For tests only. */
public final class Tripwire {

    /** How many instances were constructed. */
    public static final AtomicInteger BUILT = new AtomicInteger();

    /** Counts the construction. */
    public Tripwire() {
        BUILT.incrementAndGet();
    }

    /** Counts the construction. */
    public Tripwire(Object anything) {
        BUILT.incrementAndGet();
    }
}
