package io.k4s.server.rbac;

import io.k4s.api.resource.KindProvider;
import io.k4s.api.resource.PrinterColumn;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.FieldError;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import java.util.List;

/**
 * Register Kubernetes' RBAC kinds ({@code Role}, {@code ClusterRole}, {@code RoleBinding},
 * {@code ClusterRoleBinding}, in {@value #API_VERSION}) as kinds of the cluster's registry, so
 * that manifests, the store, the shell and the API server handle them as any kind, and Kubernetes'
 * RBAC manifests apply unchanged. Found with {@link java.util.ServiceLoader} when k4s-server is on
 * the classpath; the API server's authorizer reads them.
 */
public final class RbacKinds implements KindProvider {

    /** The API group of the RBAC kinds. */
    public static final String GROUP = "rbac.authorization.k8s.io";

    /** Their API version. */
    public static final String API_VERSION = GROUP + "/v1";

    private static final ListSchema<String> STRINGS = ListSchema.of("Names.", StringSchema.of("A name."));

    static final ObjectSchema<PolicyRule> POLICY_RULE = ObjectSchema.<PolicyRule>builder("PolicyRule")
            .description("What a role allows: verbs on resources of API groups (optionally only some names), or"
                    + " verbs on non-resource paths.")
            .optional("apiGroups", ListSchema.of("The API groups: k4s.io, \"\" for the core group, or *.",
                    StringSchema.of("An API group.")), PolicyRule::apiGroups, List.of(), "")
            .optional("resources", ListSchema.of("The resources (plurals), with subresources as resource/subresource"
                    + " (deployments/scale, services/request), or *.", StringSchema.of("A resource.")),
                    PolicyRule::resources, List.of(), "")
            .required("verbs", ListSchema.of("get, list, watch, create, update, patch, delete, deletecollection,"
                    + " or *.", StringSchema.of("A verb.")), PolicyRule::verbs, "")
            .optional("resourceNames", ListSchema.of("The names of the objects allowed; empty for all.",
                    StringSchema.of("An object name.")), PolicyRule::resourceNames, List.of(), "")
            .optional("nonResourceURLs", ListSchema.of("Paths such as /metrics (a trailing * matches a prefix);"
                    + " ClusterRoles only.", StringSchema.of("A path.")), PolicyRule::nonResourceURLs, List.of(), "")
            .build(v -> new PolicyRule(v.get("apiGroups"), v.get("resources"), v.get("verbs"), v.get("resourceNames"),
                    v.get("nonResourceURLs")));

    static final ObjectSchema<Rules> RULES = ObjectSchema.<Rules>builder("Rules")
            .description("The rules of a role.")
            .optional("rules", ListSchema.of("What the role allows; a request is allowed if any rule allows it.",
                    POLICY_RULE), Rules::rules, List.of(), "")
            .build(v -> new Rules(v.get("rules")));

    static final ObjectSchema<Subject> SUBJECT = ObjectSchema.<Subject>builder("Subject")
            .description("Who a binding grants its role to.")
            .required("kind", EnumSchema.<String>builder().value("User", "User").value("Group", "Group")
                    .value("ServiceAccount", "ServiceAccount").description("User, Group or ServiceAccount.").build(),
                    Subject::kind, "")
            .required("name", StringSchema.of("The user, group or service account name."), Subject::name, "")
            .optional("namespace", StringSchema.of("The service account's namespace."), Subject::namespace, "", "")
            .optional("apiGroup", StringSchema.of("rbac.authorization.k8s.io for users and groups."),
                    Subject::apiGroup, "", "")
            .build(v -> new Subject(v.get("kind"), v.get("name"), v.get("namespace"), v.get("apiGroup")));

    static final ObjectSchema<RoleRef> ROLE_REF = ObjectSchema.<RoleRef>builder("RoleRef")
            .description("The role a binding grants.")
            .optional("apiGroup", StringSchema.of("rbac.authorization.k8s.io."), RoleRef::apiGroup, GROUP, "")
            .required("kind", EnumSchema.<String>builder().value("Role", "Role").value("ClusterRole", "ClusterRole")
                    .description("Role or ClusterRole.").build(), RoleRef::kind, "")
            .required("name", StringSchema.of("The role's name."), RoleRef::name, "")
            .build(v -> new RoleRef(v.get("apiGroup"), v.get("kind"), v.get("name")));

    static final ObjectSchema<Binding> BINDING = ObjectSchema.<Binding>builder("Binding")
            .description("A role and who it is granted to.")
            .required("roleRef", ROLE_REF, Binding::roleRef, "")
            .optional("subjects", ListSchema.of("Who the role is granted to.", SUBJECT), Binding::subjects, List.of(),
                    "")
            .build(v -> new Binding(v.get("roleRef"), v.get("subjects")));

    /** Role: rules within one namespace. */
    public static final ResourceKind<Role> ROLE = ResourceKind.builder(Role.class, Role.KIND, RULES, Role::new)
            .apiVersion(API_VERSION).plural("roles").specInline()
            .description("A set of permissions within one namespace.")
            .build();

    /** ClusterRole: rules across the cluster. */
    public static final ResourceKind<ClusterRole> CLUSTER_ROLE = ResourceKind.builder(ClusterRole.class,
                    ClusterRole.KIND, RULES, ClusterRole::new)
            .apiVersion(API_VERSION).plural("clusterroles").clusterScoped().specInline()
            .description("A set of permissions across the cluster and on non-resource paths.")
            .build();

    /** RoleBinding: a role granted within one namespace. */
    public static final ResourceKind<RoleBinding> ROLE_BINDING = ResourceKind.builder(RoleBinding.class,
                    RoleBinding.KIND, BINDING, RoleBinding::new)
            .apiVersion(API_VERSION).plural("rolebindings").specInline()
            .description("Grants a Role, or a ClusterRole within this namespace, to users, groups or service"
                    + " accounts.")
            .column(PrinterColumn.<RoleBinding>of("ROLE", "The role granted",
                    b -> b.spec().roleRef().kind() + "/" + b.spec().roleRef().name()))
            .column(PrinterColumn.<RoleBinding>of("USERS", "The users", b -> names(b.spec(), "User")).wideOnly())
            .column(PrinterColumn.<RoleBinding>of("GROUPS", "The groups", b -> names(b.spec(), "Group")).wideOnly())
            .build();

    /** ClusterRoleBinding: a ClusterRole granted in every namespace. */
    public static final ResourceKind<ClusterRoleBinding> CLUSTER_ROLE_BINDING = ResourceKind.builder(
                    ClusterRoleBinding.class, ClusterRoleBinding.KIND, BINDING, ClusterRoleBinding::new)
            .apiVersion(API_VERSION).plural("clusterrolebindings").clusterScoped().specInline()
            .description("Grants a ClusterRole in every namespace to users, groups or service accounts.")
            .validation((b, context) -> b.spec().roleRef().kind().equals("ClusterRole") ? List.of()
                    : List.of(new FieldError("roleRef.kind", "a ClusterRoleBinding grants a ClusterRole, not a Role")))
            .column(PrinterColumn.<ClusterRoleBinding>of("ROLE", "The role granted",
                    b -> b.spec().roleRef().kind() + "/" + b.spec().roleRef().name()))
            .column(PrinterColumn.<ClusterRoleBinding>of("USERS", "The users", b -> names(b.spec(), "User"))
                    .wideOnly())
            .column(PrinterColumn.<ClusterRoleBinding>of("GROUPS", "The groups", b -> names(b.spec(), "Group"))
                    .wideOnly())
            .build();

    /** The provider; ServiceLoader calls this. */
    public RbacKinds() {}

    @Override
    public List<ResourceKind<?>> kinds() {
        return List.of(ROLE, CLUSTER_ROLE, ROLE_BINDING, CLUSTER_ROLE_BINDING);
    }

    private static List<String> names(Binding binding, String kind) {
        return binding.subjects().stream().filter(s -> s.kind().equals(kind)).map(Subject::name).toList();
    }
}
