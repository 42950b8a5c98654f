package io.k4s.core;

import io.k4s.api.resource.ImageRef;
import io.k4s.api.schema.ValidationContext;
import io.k4s.core.registry.Images;
import io.k4s.core.registry.WorkerRegistry;

/**
 * Check the worker types manifests name against what this cluster can run: the class path and
 * shared plugins for a container without an image, the image's own types for one with an image
 * that is loaded (an image not there yet is accepted: the container waits for it).
 *
 * <p>Thread-safe.
 */
final class WorkerChecks implements ValidationContext {

    private final WorkerRegistry registry;
    private final Images images;

    WorkerChecks(WorkerRegistry registry, Images images) {
        this.registry = registry;
        this.images = images;
    }

    @Override
    public String workerProblem(String workerType) {
        return registry.problem(workerType);
    }

    @Override
    public String imageWorkerProblem(String image, String workerType) {
        // A malformed reference is the image field's own error; nothing to add at the worker.
        return ImageRef.problem(image) != null ? null : images.workerProblem(ImageRef.parse(image), workerType);
    }
}
