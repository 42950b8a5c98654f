package io.k4s.server.internal.api;

import io.k4s.api.resource.ResourceKind;
import io.k4s.core.schema.JsonText;
import io.k4s.server.internal.api.ApiCatalog.GroupVersion;
import io.k4s.server.internal.api.ApiCatalog.Served;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.ExchangeHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serve OpenAPI v3 as kubectl reads it: {@code /openapi/v3} lists one document per group and
 * version ({@code serverRelativeURL} with a content hash), and {@code /openapi/v3/apis/GROUP/VERSION}
 * describes each kind (a component schema tagged {@code x-kubernetes-group-version-kind}, from
 * the kind's schema, for {@code kubectl explain}) and its paths. kubectl 1.32 applies only when
 * each kind has a PATCH operation tagged with its group, version and kind that takes a
 * {@code fieldValidation} parameter; it then sends {@code fieldValidation=Strict} and leaves
 * validation to the server. The PATCH operations list merge and JSON patch bodies only, so
 * kubectl computes merge patches for k4s kinds. Built once; immutable.
 */
public final class OpenApiHandler extends ExchangeHandler {

    private final Map<String, byte[]> documents = new LinkedHashMap<>();
    private final byte[] root;

    /** The documents of every group and version of {@code catalog}. */
    public OpenApiHandler(ApiCatalog catalog) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (GroupVersion gv : catalog.groupVersions()) {
            List<Served> kinds = catalog.resources(gv).stream().filter(s -> s.kind().isPresent()).toList();
            if (kinds.isEmpty()) {
                continue;
            }
            byte[] document = JsonText.write(document(gv, kinds)).getBytes(StandardCharsets.UTF_8);
            String path = gv.path();
            documents.put("/openapi/v3/" + path, document);
            paths.put(path, Map.of("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash(document)));
        }
        root = JsonText.write(Map.of("paths", paths)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void serve(Exchange exchange) {
        if (!exchange.method().equals("GET")) {
            throw ApiError.methodNotAllowed(exchange.method(), exchange.path());
        }
        String path = exchange.path().replaceAll("/+$", "");
        if (path.equals("/openapi/v3")) {
            exchange.respond(200, "application/json", root);
            return;
        }
        byte[] document = documents.get(path);
        if (document == null) {
            throw ApiError.noSuchPath(path);
        }
        exchange.respond(200, "application/json", document);
    }

    private static String hash(byte[] document) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }

    private static Map<String, Object> document(GroupVersion gv, List<Served> kinds) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.0");
        doc.put("info", Map.of("title", "k4s", "version", gv.text()));
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> schemas = new LinkedHashMap<>();
        for (Served served : kinds) {
            ResourceKind<?> kind = served.kind().orElseThrow();
            String component = componentName(gv, kind.kind());
            Map<String, Object> schema = OpenApiSchemas.of(kind.schema(), kind.description());
            schema.put("x-kubernetes-group-version-kind", List.of(gvk(gv, kind.kind())));
            schemas.put(component, schema);
            String ref = "#/components/schemas/" + component;
            String base = "/" + gv.path() + (kind.namespaced() ? "/namespaces/{namespace}/" : "/")
                    + kind.plural();
            List<Object> scope = kind.namespaced() ? List.of(pathParam("namespace")) : List.of();
            Map<String, Object> collection = new LinkedHashMap<>();
            collection.put("parameters", scope);
            collection.put("get", operation("list", gv, kind, ref, false));
            collection.put("post", operation("post", gv, kind, ref, false));
            collection.put("delete", operation("deletecollection", gv, kind, ref, false));
            paths.put(base, collection);
            Map<String, Object> object = new LinkedHashMap<>();
            List<Object> named = new ArrayList<>(scope);
            named.add(pathParam("name"));
            object.put("parameters", named);
            object.put("get", operation("get", gv, kind, ref, false));
            object.put("put", operation("put", gv, kind, ref, false));
            object.put("patch", operation("patch", gv, kind, ref, false));
            object.put("delete", operation("delete", gv, kind, ref, false));
            paths.put(base + "/{name}", object);
            if (kind.statusSchema().isPresent()) {
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("parameters", named);
                status.put("get", operation("get", gv, kind, ref, true));
                status.put("put", operation("put", gv, kind, ref, true));
                status.put("patch", operation("patch", gv, kind, ref, true));
                paths.put(base + "/{name}/status", status);
            }
            if (kind.namespaced()) {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("get", operation("list", gv, kind, ref, false));
                paths.put("/" + gv.path() + "/" + kind.plural(), all);
            }
        }
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas));
        return doc;
    }

    static String componentName(GroupVersion gv, String kind) {
        List<String> parts = new ArrayList<>(List.of(gv.group().split("\\.")));
        Collections.reverse(parts);
        return String.join(".", parts) + "." + gv.version() + "." + kind;
    }

    private static Map<String, Object> gvk(GroupVersion gv, String kind) {
        Map<String, Object> gvk = new LinkedHashMap<>();
        gvk.put("group", gv.group());
        gvk.put("version", gv.version());
        gvk.put("kind", kind);
        return gvk;
    }

    private static Map<String, Object> operation(String action, GroupVersion gv, ResourceKind<?> kind, String ref,
                                                 boolean status) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("description", action + " " + kind.kind() + (status ? " status" : ""));
        op.put("operationId", action + kind.kind() + (status ? "Status" : ""));
        op.put("tags", List.of(gv.group() + "_" + gv.version()));
        List<Object> parameters = new ArrayList<>();
        boolean writes = List.of("post", "put", "patch").contains(action);
        if (writes) {
            parameters.add(queryParam("dryRun", "When All, check the request and write nothing."));
            parameters.add(queryParam("fieldManager", "The name of the actor making the change (recorded by"
                    + " Kubernetes; accepted and ignored by k4s)."));
            parameters.add(queryParam("fieldValidation", "How unknown or duplicate fields are treated: k4s always"
                    + " validates strictly (Strict), whatever is asked."));
        }
        if (action.equals("list")) {
            parameters.add(queryParam("labelSelector", "Select by labels (key=value,...)."));
            parameters.add(queryParam("fieldSelector", "Select by metadata.name or metadata.namespace."));
            parameters.add(queryParam("watch", "Stream changes instead of listing."));
            parameters.add(queryParam("resourceVersion", "Watch changes after this revision."));
        }
        op.put("parameters", parameters);
        if (writes) {
            List<String> types = action.equals("patch") ? List.of("application/merge-patch+json",
                    "application/json-patch+json") : List.of("application/json");
            Map<String, Object> content = new LinkedHashMap<>();
            types.forEach(t -> content.put(t, Map.of("schema", action.equals("patch") ? Map.of("type", "object")
                    : Map.of("$ref", ref))));
            op.put("requestBody", Map.of("content", content, "required", true));
        }
        Map<String, Object> ok = Map.of("description", "OK", "content", Map.of("application/json",
                Map.of("schema", Map.of("$ref", ref))));
        op.put("responses", Map.of(action.equals("post") ? "201" : "200", ok));
        op.put("x-kubernetes-action", action);
        op.put("x-kubernetes-group-version-kind", gvk(gv, kind.kind()));
        return op;
    }

    private static Map<String, Object> pathParam(String name) {
        return Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string"),
                "description", "The " + name + ".");
    }

    private static Map<String, Object> queryParam(String name, String description) {
        return Map.of("name", name, "in", "query", "schema", Map.of("type", "string"), "description", description,
                "uniqueItems", true);
    }
}
