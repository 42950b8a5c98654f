package io.k4s.demo;

/**
 * The {@code --dry-run} modes, as kubectl has them: {@code client} checks the manifests'
 * schema only, {@code server} also checks them against the cluster (worker types, what exists),
 * and neither writes anything; {@code none} (the default) writes.
 */
enum DryRun {
    NONE(""), CLIENT(" (dry run)"), SERVER(" (server dry run)");

    private final String suffix;

    DryRun(String suffix) {
        this.suffix = suffix;
    }

    /** What follows {@code kind/name created} in the output: empty, or {@code (dry run)}. */
    String suffix() {
        return suffix;
    }

    /** Whether nothing may be written. */
    boolean active() {
        return this != NONE;
    }
}
