package io.k4s.server.internal.api;

import io.k4s.server.internal.api.ApiCatalog.GroupVersion;
import io.k4s.server.internal.api.ApiCatalog.Served;
import io.k4s.server.internal.api.ApiCatalog.Subresource;
import io.k4s.server.internal.http.Accept;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.ExchangeHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answer discovery as a Kubernetes API server does, from the {@link ApiCatalog}: {@code /api} and
 * {@code /apis} as aggregated discovery ({@code apidiscovery.k8s.io} v2 or v2beta1, what kubectl
 * asks for first) or as the legacy {@code APIVersions} / {@code APIGroupList}; {@code /apis/GROUP}
 * ({@code APIGroup}), {@code /apis/GROUP/VERSION} and {@code /api/v1} ({@code APIResourceList},
 * which the fabric8 client reads to find a custom group), and {@code /version}. Stateless.
 */
public final class DiscoveryHandler extends ExchangeHandler {

    private static final String AGGREGATED = "APIGroupDiscoveryList";
    private static final String DISCOVERY_GROUP = "apidiscovery.k8s.io";
    /**
     * The core group (no name), served at {@code /api/v1}: pods (the Containers kubectl's
     * {@code logs} reads) and the core kinds of the catalog (ConfigMap, Secret, Event, Namespace).
     */
    private static final String CORE_GROUP = "";

    private final ApiCatalog catalog;
    private final Map<String, Object> version;

    /** Discovery of {@code catalog}; {@code /version} answers {@code version}. */
    public DiscoveryHandler(ApiCatalog catalog, Map<String, Object> version) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.version = Map.copyOf(version);
    }

    @Override
    public void serve(Exchange exchange) {
        if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            throw ApiError.methodNotAllowed(exchange.method(), exchange.path());
        }
        String path = exchange.path().replaceAll("/+$", "");
        Accept accept = Accept.parse(exchange.header("Accept"));
        String aggregated = accept.preferred(AGGREGATED, DISCOVERY_GROUP, List.of("v2", "v2beta1"));
        List<String> parts = List.of(path.replaceAll("^/+", "").split("/"));
        switch (parts.size()) {
            case 1 -> {
                if (parts.getFirst().equals("version")) {
                    exchange.respondJson(200, version);
                } else if (parts.getFirst().equals("api")) {
                    if (aggregated != null) {
                        respondAggregated(exchange, aggregated, List.of(CORE_GROUP));
                    } else {
                        exchange.respondJson(200, apiVersions());
                    }
                } else if (parts.getFirst().equals("apis")) {
                    if (aggregated != null) {
                        respondAggregated(exchange, aggregated, namedGroups());
                    } else {
                        exchange.respondJson(200, groupList());
                    }
                } else {
                    throw ApiError.noSuchPath(path);
                }
            }
            case 2 -> {
                if (parts.getFirst().equals("api") && parts.get(1).equals("v1")) {
                    exchange.respondJson(200, resourceList(new GroupVersion("", "v1")));
                } else if (parts.getFirst().equals("apis") && namedGroups().contains(parts.get(1))) {
                    exchange.respondJson(200, group(parts.get(1)));
                } else {
                    throw ApiError.noSuchPath(path);
                }
            }
            case 3 -> {
                GroupVersion gv = new GroupVersion(parts.get(1), parts.get(2));
                if (!parts.getFirst().equals("apis") || !catalog.groupVersions().contains(gv)) {
                    throw ApiError.noSuchPath(path);
                }
                exchange.respondJson(200, resourceList(gv));
            }
            default -> throw ApiError.noSuchPath(path);
        }
    }

    private void respondAggregated(Exchange exchange, String version, List<String> groups) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", AGGREGATED);
        list.put("apiVersion", DISCOVERY_GROUP + "/" + version);
        list.put("metadata", Map.of());
        List<Object> items = new ArrayList<>();
        for (String group : groups) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("metadata", Map.of("name", group));
            List<Object> versions = new ArrayList<>();
            List<GroupVersion> served = group.equals(CORE_GROUP) ? List.of(new GroupVersion(CORE_GROUP, "v1"))
                    : catalog.versions(group);
            for (GroupVersion gv : served) {
                List<Object> resources = new ArrayList<>();
                if (group.equals(CORE_GROUP)) {
                    resources.add(aggregatedPods());
                }
                catalog.resources(gv).forEach(s -> resources.add(aggregatedResource(s)));
                versions.add(Map.of("version", gv.version(), "resources", resources, "freshness", "Current"));
            }
            item.put("versions", versions);
            items.add(item);
        }
        list.put("items", items);
        exchange.respondJson(200, "application/json;g=" + DISCOVERY_GROUP + ";v=" + version + ";as=" + AGGREGATED,
                list);
    }

    private static Map<String, Object> aggregatedResource(Served s) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("resource", s.plural());
        r.put("responseKind", Map.of("group", s.gv().group(), "version", s.gv().version(), "kind", s.kindName()));
        r.put("scope", s.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", s.singular());
        r.put("verbs", s.verbs());
        if (!s.shortNames().isEmpty()) {
            r.put("shortNames", s.shortNames());
        }
        if (!s.categories().isEmpty()) {
            r.put("categories", s.categories());
        }
        if (!s.subresources().isEmpty()) {
            List<Object> subs = new ArrayList<>();
            for (Subresource sub : s.subresources()) {
                subs.add(Map.of("subresource", sub.name(), "responseKind", Map.of("group", sub.group(),
                        "version", sub.version(), "kind", sub.kind()), "verbs", sub.verbs()));
            }
            r.put("subresources", subs);
        }
        return r;
    }

    /**
     * The core group's one resource: Containers served as pods ({@code get}, and the {@code log}
     * subresource), so that kubectl's {@code logs} finds them.
     */
    private static Map<String, Object> aggregatedPods() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("resource", "pods");
        r.put("responseKind", Map.of("group", "", "version", "v1", "kind", "Pod"));
        r.put("scope", "Namespaced");
        r.put("singularResource", "pod");
        r.put("verbs", List.of("get"));
        r.put("subresources", List.of(Map.of("subresource", "log", "responseKind", Map.of("group", "", "version", "v1",
                "kind", "Pod"), "verbs", List.of("get"))));
        return r;
    }

    private static List<Object> legacyPods() {
        return List.of(Map.of("name", "pods", "singularName", "pod", "namespaced", true, "kind", "Pod",
                        "verbs", List.of("get")),
                Map.of("name", "pods/log", "singularName", "", "namespaced", true, "kind", "Pod",
                        "verbs", List.of("get")));
    }

    /** The groups served under {@code /apis}: all but the core group, which is {@code /api}'s. */
    private List<String> namedGroups() {
        return catalog.groups().stream().filter(g -> !g.equals(CORE_GROUP)).toList();
    }

    private static Map<String, Object> apiVersions() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("kind", "APIVersions");
        v.put("versions", List.of("v1"));
        v.put("serverAddressByClientCIDRs", List.of());
        return v;
    }

    private Map<String, Object> groupList() {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        List<Object> groups = new ArrayList<>();
        namedGroups().forEach(g -> groups.add(groupBody(g)));
        list.put("groups", groups);
        return list;
    }

    private Map<String, Object> group(String group) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        g.putAll(groupBody(group));
        return g;
    }

    private Map<String, Object> groupBody(String group) {
        List<Object> versions = new ArrayList<>();
        catalog.versions(group).forEach(gv -> versions.add(Map.of("groupVersion", gv.text(), "version", gv.version())));
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("name", group);
        g.put("versions", versions);
        g.put("preferredVersion", versions.getFirst());
        return g;
    }

    private Map<String, Object> resourceList(GroupVersion gv) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", gv.text());
        List<Object> resources = new ArrayList<>();
        if (gv.group().isEmpty()) {
            resources.addAll(legacyPods());
        }
        for (Served s : catalog.resources(gv)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", s.plural());
            r.put("singularName", s.singular());
            r.put("namespaced", s.namespaced());
            r.put("kind", s.kindName());
            r.put("verbs", s.verbs());
            if (!s.shortNames().isEmpty()) {
                r.put("shortNames", s.shortNames());
            }
            if (!s.categories().isEmpty()) {
                r.put("categories", s.categories());
            }
            resources.add(r);
            for (Subresource sub : s.subresources()) {
                Map<String, Object> sr = new LinkedHashMap<>();
                sr.put("name", s.plural() + "/" + sub.name());
                sr.put("singularName", "");
                sr.put("namespaced", s.namespaced());
                if (!sub.group().equals(gv.group()) || !sub.version().equals(gv.version())) {
                    sr.put("group", sub.group());
                    sr.put("version", sub.version());
                }
                sr.put("kind", sub.kind());
                sr.put("verbs", sub.verbs());
                resources.add(sr);
            }
        }
        list.put("resources", resources);
        return list;
    }
}
