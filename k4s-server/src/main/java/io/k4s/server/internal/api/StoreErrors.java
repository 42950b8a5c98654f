package io.k4s.server.internal.api;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.ForbiddenException;
import io.k4s.api.resource.InvalidResourceException;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.PreconditionFailedException;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.schema.FieldError;
import io.k4s.server.internal.http.ApiError;
import java.util.List;

/** Turn what the store throws into the {@code Status} Kubernetes returns for it. */
final class StoreErrors {

    private StoreErrors() {}

    /**
     * The {@code Status} for {@code e}, thrown while handling {@code kind} {@code name}; other
     * exceptions are returned as they are, to be reported as internal errors.
     */
    static RuntimeException translate(ResourceKind<?> kind, String name, RuntimeException e) {
        String group = ApiCatalog.group(kind);
        return switch (e) {
            case ApiError already -> already;
            case NotFoundException nf when nf.kind().equals(Namespace.KIND) && !kind.kind().equals(Namespace.KIND) ->
                    ApiError.notFound("namespaces", "", Namespace.KIND, nf.key().name());
            case NotFoundException nf -> ApiError.notFound(kind.plural(), group, kind.kind(), nf.key().name());
            case ForbiddenException fe -> ApiError.forbidden(kind.plural(), group, fe.key().name(), fe.reason());
            case AlreadyExistsException ae -> ApiError.alreadyExists(kind.plural(), group, ae.key().name());
            case PreconditionFailedException pe -> ApiError.conflict(kind.plural(), group, pe.key().name(),
                    "Precondition failed: " + pe.getMessage());
            case ConflictException ce -> ApiError.conflict(kind.plural(), group, ce.key().name(), "the object has"
                    + " been modified; please apply your changes to the latest version and try again (the request"
                    + " was based on resourceVersion " + ce.expected() + ", the stored one is " + ce.actual() + ")");
            case InvalidResourceException ie -> WireObjects.invalid(kind, name, ie.errors());
            case IllegalArgumentException ia -> WireObjects.invalid(kind, name, List.of(new FieldError("",
                    ia.getMessage())));
            default -> e;
        };
    }
}
