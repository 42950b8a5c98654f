package io.k4s.server.internal.auth;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceClient;
import io.k4s.server.rbac.ClusterRole;
import io.k4s.server.rbac.ClusterRoleBinding;
import io.k4s.server.rbac.PolicyRule;
import io.k4s.server.rbac.Role;
import io.k4s.server.rbac.RoleBinding;
import io.k4s.server.rbac.RoleRef;
import io.k4s.server.rbac.Rules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decide requests as Kubernetes' RBAC authorizer does, from the Roles, ClusterRoles, RoleBindings
 * and ClusterRoleBindings in the store: members of {@value User#MASTERS} may do anything; anyone
 * else may do what a rule of a role bound to them allows (ClusterRoleBindings everywhere,
 * RoleBindings in their namespace). Reads the store on every decision, so a binding applied is in
 * force for the next request. Thread-safe.
 */
public final class RbacAuthorizer {

    /**
     * What a request does, as RBAC sees it.
     *
     * @param verb        the verb
     * @param resource    whether it is a resource request (else a path)
     * @param group       the API group
     * @param plural      the resource
     * @param subresource the subresource, or empty
     * @param name        the object name, or empty
     * @param namespace   the namespace, or empty
     * @param path        the path of a non-resource request
     */
    public record Attributes(String verb, boolean resource, String group, String plural, String subresource,
                             String name, String namespace, String path) {}

    /**
     * A decision.
     *
     * @param allowed whether the request may go ahead
     * @param reason  why (which binding allowed it), or empty
     */
    public record Decision(boolean allowed, String reason) {}

    private final ResourceClient resources;

    /** Decide from the RBAC objects in {@code resources}. */
    public RbacAuthorizer(ResourceClient resources) {
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    /** Whether {@code user} may do what {@code request} asks. */
    public Decision decide(User user, Attributes request) {
        if (user.master()) {
            return new Decision(true, "RBAC: allowed to members of group \"" + User.MASTERS + "\"");
        }
        for (ClusterRoleBinding b : resources.list(ClusterRoleBinding.class, null).items()) {
            if (b.spec().grants(user.name(), user.groups())) {
                Optional<String> allowed = allows(b.spec().roleRef(), "", request);
                if (allowed.isPresent()) {
                    return new Decision(true, "RBAC: allowed by ClusterRoleBinding \"" + b.metadata().name()
                            + "\" of " + allowed.get() + " to " + user.name());
                }
            }
        }
        if (!request.namespace().isEmpty()) {
            for (RoleBinding b : resources.list(RoleBinding.class, request.namespace()).items()) {
                if (b.spec().grants(user.name(), user.groups())) {
                    Optional<String> allowed = allows(b.spec().roleRef(), request.namespace(), request);
                    if (allowed.isPresent()) {
                        return new Decision(true, "RBAC: allowed by RoleBinding \"" + b.metadata().name() + "/"
                                + request.namespace() + "\" of " + allowed.get() + " to " + user.name());
                    }
                }
            }
        }
        return new Decision(false, "");
    }

    /** The role {@code ref} names, in words, if one of its rules allows {@code request}. */
    private Optional<String> allows(RoleRef ref, String namespace, Attributes request) {
        Optional<Rules> rules = ref.kind().equals("ClusterRole")
                ? resources.get(ClusterRole.class, ObjectMeta.NO_NAMESPACE, ref.name()).map(ClusterRole::spec)
                : resources.get(Role.class, namespace, ref.name()).map(Role::spec);
        List<PolicyRule> list = rules.map(Rules::rules).orElse(List.of());
        for (PolicyRule rule : list) {
            boolean ok = request.resource()
                    ? rule.allowsResource(request.verb(), request.group(), request.plural(), request.subresource(),
                            request.name())
                    : rule.allowsPath(request.verb(), request.path());
            if (ok) {
                return Optional.of(ref.kind() + " \"" + ref.name() + "\"");
            }
        }
        return Optional.empty();
    }

    /** Kubernetes' words for a refusal: who may not do what, where. */
    public static String refusal(User user, Attributes request) {
        if (!request.resource()) {
            return "forbidden: User \"" + user.name() + "\" cannot " + request.verb() + " path \"" + request.path()
                    + "\"";
        }
        String qualified = request.group().isEmpty() ? request.plural() : request.plural() + "." + request.group();
        String object = request.name().isEmpty() ? qualified : qualified + " \"" + request.name() + "\"";
        String resource = request.subresource().isEmpty() ? request.plural()
                : request.plural() + "/" + request.subresource();
        return object + " is forbidden: User \"" + user.name() + "\" cannot " + request.verb() + " resource \""
                + resource + "\" in API group \"" + request.group() + "\""
                + (request.namespace().isEmpty() ? " at the cluster scope"
                : " in the namespace \"" + request.namespace() + "\"");
    }
}
