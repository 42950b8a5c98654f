package io.k4s.server.rbac;

import java.util.List;

/**
 * Allow verbs on resources or non-resource paths, as Kubernetes' {@code PolicyRule}: a request is
 * allowed by a rule when its verb is listed (or {@code *}) and, for a resource request, its API
 * group, its resource ({@code deployments}, or with a subresource {@code deployments/scale},
 * {@code services/request}; {@code *} and {@code *}{@code /scale} match too) and, if the rule
 * names any, its object name are listed; for another path ({@code /metrics}), the path is listed
 * in {@code nonResourceURLs} (a trailing {@code *} matches a prefix).
 *
 * @param apiGroups       the API groups ({@code k4s.io}, {@code ""} for the core group, {@code *})
 * @param resources       the resources, with subresources as {@code resource/subresource}
 * @param verbs           get, list, watch, create, update, patch, delete, deletecollection, or {@code *}
 * @param resourceNames   the object names allowed; empty for all
 * @param nonResourceURLs the paths allowed (ClusterRoles only)
 */
public record PolicyRule(List<String> apiGroups, List<String> resources, List<String> verbs,
                         List<String> resourceNames, List<String> nonResourceURLs) {

    /** Copies the lists; null is empty. */
    public PolicyRule {
        apiGroups = copy(apiGroups);
        resources = copy(resources);
        verbs = copy(verbs);
        resourceNames = copy(resourceNames);
        nonResourceURLs = copy(nonResourceURLs);
        if (verbs.isEmpty()) {
            throw new IllegalArgumentException("verbs: a rule must name at least one verb (or *)");
        }
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * Whether this rule allows {@code verb} on {@code resource} (with {@code subresource}, or
     * empty) named {@code name} (empty for collections) in {@code group}.
     */
    public boolean allowsResource(String verb, String group, String resource, String subresource, String name) {
        if (!has(verbs, verb) || !has(apiGroups, group)) {
            return false;
        }
        String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
        boolean resourceMatches = resources.contains("*") || resources.contains(combined)
                || (!subresource.isEmpty() && resources.contains("*/" + subresource));
        return resourceMatches && (resourceNames.isEmpty() || resourceNames.contains(name));
    }

    /** Whether this rule allows {@code verb} on the non-resource path {@code path}. */
    public boolean allowsPath(String verb, String path) {
        if (!has(verbs, verb)) {
            return false;
        }
        for (String url : nonResourceURLs) {
            if (url.equals("*") || url.equals(path)
                    || (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(List<String> list, String value) {
        return list.contains("*") || list.contains(value);
    }
}
