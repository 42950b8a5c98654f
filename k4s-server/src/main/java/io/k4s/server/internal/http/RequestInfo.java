package io.k4s.server.internal.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Say what a request asks for, as Kubernetes' {@code RequestInfo}: for a resource request the
 * verb ({@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code patch},
 * {@code delete}, {@code deletecollection}), API group and version, namespace, resource,
 * subresource and name; for anything else (discovery, {@code /metrics}, {@code /livez}) the
 * path and the method as a lower-case verb. Authorization and routing both read it.
 *
 * @param resourceRequest whether the path names a resource ({@code /api/v1/...} or
 *                        {@code /apis/GROUP/VERSION/...} with at least a resource)
 * @param verb            the verb, as RBAC names it
 * @param path            the decoded path
 * @param apiGroup        the group ({@code ""} for {@code /api}), or empty
 * @param apiVersion      the version, or empty
 * @param namespace       the namespace, or empty for cluster-wide requests
 * @param resource        the plural, such as {@code deployments}, or empty
 * @param subresource     such as {@code status}, {@code scale} or {@code request}, or empty
 * @param name            the object's name, or empty for collections
 */
public record RequestInfo(boolean resourceRequest, String verb, String path, String apiGroup, String apiVersion,
                          String namespace, String resource, String subresource, String name) {

    /**
     * Read {@code path} as the API server's paths are laid out.
     *
     * @param watch the {@code watch} query parameter, or {@code null}
     */
    public static RequestInfo parse(String method, String path, String watch) {
        String httpVerb = method.toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>(Arrays.asList(path.replaceAll("^/+|/+$", "").split("/+")));
        if (parts.size() == 1 && parts.getFirst().isEmpty()) {
            parts.clear();
        }
        String group;
        int versionAt;
        if (!parts.isEmpty() && parts.getFirst().equals("api")) {
            group = "";
            versionAt = 1;
        } else if (!parts.isEmpty() && parts.getFirst().equals("apis") && parts.size() >= 2) {
            group = parts.get(1);
            versionAt = 2;
        } else {
            return nonResource(httpVerb, path);
        }
        if (parts.size() <= versionAt + 1) {
            return nonResource(httpVerb, path);
        }
        String version = parts.get(versionAt);
        List<String> rest = new ArrayList<>(parts.subList(versionAt + 1, parts.size()));
        boolean watchPath = false;
        if (rest.getFirst().equals("watch")) {
            watchPath = true;
            rest.removeFirst();
        }
        String namespace = "";
        if (rest.size() >= 2 && rest.getFirst().equals("namespaces")) {
            namespace = rest.get(1);
            if (rest.size() > 2) {
                rest = rest.subList(2, rest.size());
            } else {
                rest = List.of("namespaces", namespace);
                namespace = "";
            }
        }
        if (rest.isEmpty()) {
            return nonResource(httpVerb, path);
        }
        String resource = rest.getFirst();
        String name = rest.size() > 1 ? rest.get(1) : "";
        String subresource = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : "";
        String verb = switch (httpVerb) {
            case "post" -> "create";
            case "get", "head" -> name.isEmpty() ? "list" : "get";
            case "put" -> "update";
            case "patch" -> "patch";
            case "delete" -> name.isEmpty() ? "deletecollection" : "delete";
            default -> httpVerb;
        };
        if (watchPath || ("list".equals(verb) && ("true".equalsIgnoreCase(watch) || "1".equals(watch)))) {
            verb = "watch";
        }
        return new RequestInfo(true, verb, path, group, version, namespace, resource, subresource, name);
    }

    private static RequestInfo nonResource(String verb, String path) {
        return new RequestInfo(false, verb, path, "", "", "", "", "", "");
    }

    /** {@code resource} or {@code resource/subresource}, as RBAC rules name it. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
