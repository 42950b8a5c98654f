package io.k4s.server.internal.api;

import io.k4s.api.resource.Kinds;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.kind.KindRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Know what the API server serves: every registered kind under its group and version (from its
 * {@code apiVersion}: {@code k4s.io/v1}, {@code rbac.authorization.k8s.io/v1}, or a plugin's own),
 * with the verbs and subresources discovery announces, and the resources that are not kinds
 * ({@code selfsubjectaccessreviews}). Built once from the cluster's kind registry; immutable.
 */
public final class ApiCatalog {

    /** The verbs of every kind. */
    static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");
    /** The group of SelfSubjectAccessReview. */
    public static final String AUTHORIZATION_GROUP = "authorization.k8s.io";

    /**
     * A group and a version, as in {@code /apis/GROUP/VERSION}.
     *
     * @param group   the group, such as {@code k4s.io}
     * @param version the version, such as {@code v1}
     */
    public record GroupVersion(String group, String version) {

        /** {@code group/version}, or only {@code version} for the core group. */
        public String text() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        /** Where its resources are served, without a leading slash: {@code apis/GROUP/VERSION}, {@code api/v1}. */
        public String path() {
            return group.isEmpty() ? "api/" + version : "apis/" + text();
        }
    }

    /**
     * A subresource as discovery lists it.
     *
     * @param name         such as {@code status}
     * @param group        the group of its object ({@code autoscaling} for scale), or the resource's
     * @param version      the version of its object
     * @param kind         the kind of its object ({@code Scale} for scale)
     * @param verbs        what may be done to it
     */
    public record Subresource(String name, String group, String version, String kind, List<String> verbs) {}

    /**
     * One served resource.
     *
     * @param gv           its group and version
     * @param plural       the path segment, such as {@code deployments}
     * @param singular     such as {@code deployment}
     * @param kindName     such as {@code Deployment}
     * @param namespaced   whether it lives in namespaces
     * @param shortNames   such as {@code deploy}
     * @param verbs        what may be done to it
     * @param categories   such as {@code all}
     * @param subresources its subresources
     * @param kind         its descriptor, or empty for resources that are not stored kinds
     */
    public record Served(GroupVersion gv, String plural, String singular, String kindName, boolean namespaced,
                         List<String> shortNames, List<String> verbs, List<String> categories,
                         List<Subresource> subresources, Optional<ResourceKind<?>> kind) {}

    private final Map<GroupVersion, List<Served>> byGroupVersion = new LinkedHashMap<>();

    /** The catalog of {@code kinds} and the server's own resources. */
    public ApiCatalog(KindRegistry kinds) {
        Map<GroupVersion, List<Served>> found = new LinkedHashMap<>();
        for (ResourceKind<?> kind : kinds.kinds()) {
            GroupVersion gv = groupVersion(kind);
            List<Subresource> subresources = new ArrayList<>();
            if (kind.statusSchema().isPresent()) {
                subresources.add(new Subresource("status", gv.group(), gv.version(), kind.kind(), SUBRESOURCE_VERBS));
            }
            if (kind.scale().isPresent()) {
                subresources.add(new Subresource("scale", "autoscaling", "v1", "Scale", SUBRESOURCE_VERBS));
            }
            if (kind == Kinds.SERVICE || kind == Kinds.CONTAINER) {
                subresources.add(new Subresource("request", gv.group(), gv.version(), kind.kind(), List.of("create")));
                subresources.add(new Subresource("send", gv.group(), gv.version(), kind.kind(), List.of("create")));
            }
            List<String> categories = gv.group().equals("k4s.io") ? List.of("all") : List.of();
            found.computeIfAbsent(gv, g -> new ArrayList<>()).add(new Served(gv, kind.plural(), kind.singular(),
                    kind.kind(), kind.namespaced(), kind.shortNames(), VERBS, categories, List.copyOf(subresources),
                    Optional.of(kind)));
        }
        found.computeIfAbsent(new GroupVersion(AUTHORIZATION_GROUP, "v1"), g -> new ArrayList<>()).add(new Served(
                new GroupVersion(AUTHORIZATION_GROUP, "v1"), "selfsubjectaccessreviews", "selfsubjectaccessreview",
                "SelfSubjectAccessReview", false, List.of(), List.of("create"), List.of(), List.of(),
                Optional.empty()));
        found.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<GroupVersion, List<Served>> e) -> !e.getKey().group()
                        .equals("k4s.io")).thenComparing(e -> e.getKey().text()))
                .forEach(e -> byGroupVersion.put(e.getKey(), e.getValue().stream()
                        .sorted(Comparator.comparing(Served::plural)).toList()));
    }

    /** The group of {@code kind}: its apiVersion before the slash. */
    public static String group(ResourceKind<?> kind) {
        return groupVersion(kind).group();
    }

    /** The group and version of {@code kind}. */
    public static GroupVersion groupVersion(ResourceKind<?> kind) {
        String apiVersion = kind.apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? new GroupVersion("", apiVersion)
                : new GroupVersion(apiVersion.substring(0, slash), apiVersion.substring(slash + 1));
    }

    /** Every group and version served, {@code k4s.io} first. */
    public List<GroupVersion> groupVersions() {
        return List.copyOf(byGroupVersion.keySet());
    }

    /** The groups served, in the order of {@link #groupVersions()}. */
    public List<String> groups() {
        return byGroupVersion.keySet().stream().map(GroupVersion::group).distinct().toList();
    }

    /** The versions of {@code group}. */
    public List<GroupVersion> versions(String group) {
        return byGroupVersion.keySet().stream().filter(gv -> gv.group().equals(group)).toList();
    }

    /** The resources of {@code gv}, sorted by plural; empty if it is not served. */
    public List<Served> resources(GroupVersion gv) {
        return byGroupVersion.getOrDefault(gv, List.of());
    }

    /** The resource {@code plural} of {@code gv}, if served. */
    public Optional<Served> find(GroupVersion gv, String plural) {
        return resources(gv).stream().filter(s -> s.plural().equals(plural)).findFirst();
    }

    /** The kind served as {@code plural} in {@code gv}, if it is a stored kind. */
    public Optional<ResourceKind<?>> kind(GroupVersion gv, String plural) {
        return find(gv, plural).flatMap(Served::kind);
    }
}
