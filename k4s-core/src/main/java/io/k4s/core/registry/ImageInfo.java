package io.k4s.core.registry;

import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ResourceKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Describe one image as the node sees it now: what {@code get images} and the Image resource show.
 *
 * @param ref        the image
 * @param phase      whether containers can start from it
 * @param source     its jar or folder of jars
 * @param files      its class path: the jar, or the folder's jars
 * @param workers    the worker types it offers, sorted by name; empty unless it loaded
 * @param problems   why it could not be loaded, each naming its file; empty if it loaded
 * @param users      the containers running on it (on this load or an earlier one still in use), sorted
 * @param loadedAt   when the current load was made, or {@code null} if none is current
 */
public record ImageInfo(ImageRef ref, ImagePhase phase, Path source, List<Path> files, List<WorkerTypeInfo> workers,
                        List<String> problems, List<ResourceKey> users, Instant loadedAt) {

    /** Requires ref, phase and source; copies the lists. */
    public ImageInfo {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(source, "source");
        files = List.copyOf(files);
        workers = List.copyOf(workers);
        problems = List.copyOf(problems);
        users = List.copyOf(users);
    }
}
