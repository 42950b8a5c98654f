package io.k4s.store.sqlite;

/**
 * The sizes of the sqlite backend.
 *
 * @param maxBatch          writes committed in one transaction at most
 * @param eventLogSize      changes kept in memory for watches from a recent revision
 * @param retainedRevisions revisions whose rows stay in the table for watches from an older one
 *                          (kine's compaction interval, as a count)
 * @param compactStep       revisions one automatic compaction step covers at most, so a step
 *                          holds the writers up only briefly
 */
record Tuning(int maxBatch, int eventLogSize, long retainedRevisions, long compactStep) {

    static final Tuning DEFAULTS = new Tuning(1_000, 10_000, 10_000, 1_000);

    Tuning {
        if (maxBatch < 1 || eventLogSize < 1 || retainedRevisions < 0 || compactStep < 1) {
            throw new IllegalArgumentException("bad sqlite store tuning: maxBatch " + maxBatch + ", eventLogSize "
                    + eventLogSize + ", retainedRevisions " + retainedRevisions + ", compactStep " + compactStep);
        }
    }
}
