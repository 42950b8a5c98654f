package io.k4s.server.internal.api;

import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.schema.FieldError;
import io.k4s.server.internal.api.ApiCatalog.GroupVersion;
import io.k4s.server.internal.http.Accept;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.ExchangeHandler;
import io.k4s.server.internal.http.RequestInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serve every stored kind under {@code /apis/GROUP/VERSION/[namespaces/NS/]PLURAL[/NAME[/SUB]]}
 * as Kubernetes does, with no code per kind: get, list (label and field selectors, limit and
 * continue, Tables), watch ({@link WatchStream}), create, update, patch ({@link PatchOperation}),
 * delete, deletecollection, and the {@code status} and {@code scale} subresources. Store failures
 * become Kubernetes' {@code Status} errors ({@link StoreErrors}). Stateless; each request runs on
 * its own virtual thread.
 */
public final class ResourceHandler extends ExchangeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceHandler.class);

    private final ApiCatalog catalog;
    private final ResourceClient resources;
    private final WireObjects wire;
    private final Tables tables;
    private final PatchOperation patches;
    private final ScaleSubresource scale;
    private final WatchStream watches;

    /** Serve the kinds of {@code catalog} from {@code resources}; watches go through {@code watches}. */
    public ResourceHandler(ApiCatalog catalog, ResourceClient resources, WireObjects wire, WatchStream watches) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.tables = new Tables(wire);
        this.patches = new PatchOperation(resources, wire);
        this.scale = new ScaleSubresource(resources, wire);
        this.watches = Objects.requireNonNull(watches, "watches");
    }

    @Override
    public void serve(Exchange exchange) throws Exception {
        RequestInfo info = exchange.info();
        ResourceKind<?> kind = catalog.kind(new GroupVersion(info.apiGroup(), info.apiVersion()), info.resource())
                .orElseThrow(() -> ApiError.noSuchPath(exchange.path()));
        if (!kind.namespaced() && !info.namespace().isEmpty()) {
            throw ApiError.noSuchPath(exchange.path() + ": " + kind.plural() + " are cluster-scoped");
        }
        if (kind.namespaced() && info.namespace().isEmpty() && !List.of("list", "watch").contains(info.verb())) {
            throw ApiError.noSuchPath(exchange.path() + ": " + kind.plural() + " live in namespaces; use"
                    + " /namespaces/NAMESPACE/" + kind.plural());
        }
        try {
            dispatch(exchange, info, kind);
        } catch (RuntimeException e) {
            throw StoreErrors.translate(kind, info.name(), e);
        }
    }

    private <R extends Resource> void dispatch(Exchange exchange, RequestInfo info, ResourceKind<R> kind)
            throws Exception {
        String namespace = info.namespace();
        String name = info.name();
        switch (info.subresource()) {
            case "" -> {
                switch (info.verb()) {
                    case "get" -> get(exchange, kind, namespace, name);
                    case "list" -> list(exchange, kind, info.namespace().isEmpty() ? null : namespace);
                    case "watch" -> watches.stream(exchange, kind, info.namespace().isEmpty() ? null : namespace);
                    case "create" -> create(exchange, kind, info.namespace());
                    case "update" -> update(exchange, kind, info.namespace(), name, false);
                    case "patch" -> patches.patch(exchange, kind, namespace, name, false);
                    case "delete" -> delete(exchange, kind, namespace, name);
                    case "deletecollection" -> deleteCollection(exchange, kind, namespace);
                    default -> throw ApiError.methodNotAllowed(exchange.method(), exchange.path());
                }
            }
            case "status" -> {
                if (kind.statusSchema().isEmpty()) {
                    throw ApiError.noSuchPath(exchange.path() + ": " + kind.kind() + " has no status");
                }
                switch (info.verb()) {
                    case "get" -> get(exchange, kind, namespace, name);
                    case "update" -> update(exchange, kind, info.namespace(), name, true);
                    case "patch" -> patches.patch(exchange, kind, namespace, name, true);
                    default -> throw ApiError.methodNotAllowed(exchange.method(), exchange.path());
                }
            }
            case "scale" -> scale.serve(exchange, info.verb(), kind, namespace, name);
            default -> throw ApiError.noSuchPath(exchange.path());
        }
    }

    private <R extends Resource> R stored(ResourceKind<R> kind, String namespace, String name) {
        return resources.get(kind.type(), namespace, name)
                .orElseThrow(() -> new NotFoundException(kind.kind(), new ResourceKey(namespace, name)));
    }

    private <R extends Resource> void get(Exchange exchange, ResourceKind<R> kind, String namespace, String name) {
        R r = stored(kind, namespace, name);
        String table = Accept.parse(exchange.header("Accept")).table();
        if (table != null) {
            exchange.respondJson(200, tables.table(kind, List.of(r), r.metadata().resourceVersion(), null,
                    Tables.includeObject(exchange.query("includeObject")), true, exchange.user(), table));
        } else {
            exchange.respondJson(200, wire.write(kind, r, exchange.user()));
        }
    }

    private <R extends Resource> void list(Exchange exchange, ResourceKind<R> kind, String namespace) {
        StoreQueries.Selection selection = StoreQueries.selection(exchange);
        ResourceList<R> listed = resources.list(kind.type(), namespace, selection.labels());
        List<R> items = new ArrayList<>(listed.items().stream().filter(selection::matches).toList());
        long limit = StoreQueries.positive(exchange, "limit", 0);
        String after = continueKey(exchange.query("continue"));
        if (after != null) {
            items.removeIf(r -> key(r).compareTo(after) <= 0);
        }
        String next = null;
        if (limit > 0 && items.size() > limit) {
            items = new ArrayList<>(items.subList(0, (int) limit));
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(key(items.getLast())
                    .getBytes(StandardCharsets.UTF_8));
        }
        String table = Accept.parse(exchange.header("Accept")).table();
        if (table != null) {
            exchange.respondJson(200, tables.table(kind, items, listed.resourceVersion(), next,
                    Tables.includeObject(exchange.query("includeObject")), true, exchange.user(), table));
            return;
        }
        exchange.respondJson(200, list(kind, items, listed.resourceVersion(), next, exchange.user()));
    }

    private Map<String, Object> list(ResourceKind<?> kind, List<? extends Resource> items, long resourceVersion,
                                     String next, Object user) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", kind.apiVersion());
        list.put("kind", kind.kind() + "List");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceVersion", String.valueOf(resourceVersion));
        if (next != null) {
            meta.put("continue", next);
        }
        list.put("metadata", meta);
        List<Object> generic = new ArrayList<>(items.size());
        items.forEach(r -> generic.add(wire.write(kind, r, user)));
        list.put("items", generic);
        return list;
    }

    private static String key(Resource r) {
        return r.metadata().namespace() + "/" + r.metadata().name();
    }

    private static String continueKey(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid continue token \"" + token + "\": pass the one a list returned");
        }
    }

    private <R extends Resource> void create(Exchange exchange, ResourceKind<R> kind, String namespace) {
        R desired = wire.read(kind, exchange.readJsonObject(), namespace, "");
        R created = StoreQueries.dryRun(exchange) ? desired : resources.create(desired);
        exchange.respondJson(201, wire.write(kind, created, exchange.user()));
    }

    private <R extends Resource> void update(Exchange exchange, ResourceKind<R> kind, String namespace, String name,
                                             boolean status) {
        R desired = wire.read(kind, exchange.readJsonObject(), namespace, name);
        if (desired.metadata().resourceVersion() == 0) {
            throw WireObjects.invalid(kind, name, List.of(new FieldError("metadata.resourceVersion",
                    "must be specified for an update")));
        }
        R stored = stored(kind, namespace, name);
        if (StoreQueries.dryRun(exchange)) {
            exchange.respondJson(200, wire.write(kind, stored, exchange.user()));
            return;
        }
        R updated = status ? resources.updateStatus(desired) : resources.update(desired);
        exchange.respondJson(200, wire.write(kind, updated, exchange.user()));
    }

    private <R extends Resource> void delete(Exchange exchange, ResourceKind<R> kind, String namespace, String name) {
        R deleted = Deletion.of(exchange).apply(resources, kind, namespace, name);
        exchange.respondJson(200, wire.write(kind, deleted, exchange.user()));
    }

    private <R extends Resource> void deleteCollection(Exchange exchange, ResourceKind<R> kind, String namespace) {
        StoreQueries.Selection selection = StoreQueries.selection(exchange);
        Deletion options = Deletion.of(exchange);
        List<R> deleted = new ArrayList<>();
        for (R r : resources.list(kind.type(), namespace, selection.labels()).items()) {
            if (selection.matches(r)) {
                try {
                    deleted.add(options.apply(resources, kind, namespace, r.metadata().name()));
                } catch (NotFoundException gone) {
                    // Deleted meanwhile (by its owner, or another client): what was asked for holds.
                    LOG.debug("{} {} was gone before deletecollection reached it", kind.kind(), gone.key());
                }
            }
        }
        exchange.respondJson(200, list(kind, deleted, resources.resourceVersion(), null, exchange.user()));
    }
}
