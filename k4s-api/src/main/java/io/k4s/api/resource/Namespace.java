package io.k4s.api.resource;

import java.util.Objects;

/**
 * A namespace, as Kubernetes' core {@code Namespace} ({@code apiVersion: v1}): cluster-scoped;
 * deleting it deletes everything in it, while its status is {@code Terminating}. The namespace
 * {@value ObjectMeta#DEFAULT_NAMESPACE} always exists.
 *
 * @param metadata its name
 * @param spec     nothing yet ({@link NamespaceSpec})
 * @param status   Active or Terminating
 */
public record Namespace(ObjectMeta metadata, NamespaceSpec spec, NamespaceStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Namespace";

    /** The finalizer the namespace lifecycle puts on every Namespace, removed once it is empty. */
    public static final String FINALIZER = "k4s.io/namespace";

    /** Requires metadata; an absent spec or status is the empty one. */
    public Namespace {
        Objects.requireNonNull(metadata, "metadata");
        spec = spec == null ? NamespaceSpec.EMPTY : spec;
        status = status == null ? NamespaceStatus.ACTIVE : status;
    }

    /** A new Namespace named {@code name}. */
    public static Namespace of(String name) {
        return new Namespace(ObjectMeta.cluster(name), NamespaceSpec.EMPTY, null);
    }

    /** {@code v1}, Kubernetes' core group. */
    @Override
    public String apiVersion() {
        return ConfigSchemas.CORE_API_VERSION;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Namespace withMetadata(ObjectMeta metadata) {
        return new Namespace(metadata, spec, status);
    }

    @Override
    public Namespace withStatus(Object status) {
        if (!(status instanceof NamespaceStatus s)) {
            throw new IllegalArgumentException("a Namespace's status must be a NamespaceStatus, got " + status);
        }
        return new Namespace(metadata, spec, s);
    }

    /** What a namespace asks for: nothing yet (Kubernetes' {@code spec.finalizers} are k4s's metadata finalizers). */
    public record NamespaceSpec() {
        /** The only spec. */
        public static final NamespaceSpec EMPTY = new NamespaceSpec();
    }

    /**
     * Where a namespace is in its life.
     *
     * @param phase {@code Active}, or {@code Terminating} while what it holds is deleted
     */
    public record NamespaceStatus(String phase) {
        /** A namespace in use. */
        public static final NamespaceStatus ACTIVE = new NamespaceStatus("Active");
        /** A namespace being deleted. */
        public static final NamespaceStatus TERMINATING = new NamespaceStatus("Terminating");

        /** Active unless given. */
        public NamespaceStatus {
            phase = phase == null || phase.isEmpty() ? "Active" : phase;
        }
    }
}
