package io.k4s.api.resource;

import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Describe one kind of resource once, for everything that handles resources: its Java type, its
 * names (kind, plural, singular, short names, as kubectl accepts them), its scope, the schemas of
 * its spec and status, its empty status, how to build it, how to validate it across fields (its
 * schemas check each field, worker types included), how to scale it, and the columns of its
 * table.
 *
 * <p>Manifests, the generic form and JSON, the store's empty status on create, the controllers'
 * informers, the shell's {@code get}, {@code describe} and {@code explain}, and the coming API
 * server all read kinds from their descriptors; adding a kind means writing its records, this
 * descriptor and its reconciler. Built with {@link #builder}; immutable and thread-safe.
 *
 * @param <R> the resource type
 */
public final class ResourceKind<R extends Resource> {

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern LOWER = Pattern.compile("[a-z][a-z0-9]*");

    /** Build a resource from its parts. */
    @FunctionalInterface
    public interface Factory<R, S, T> {

        /**
         * The resource with these parts; {@code status} is {@code null} for kinds without status.
         *
         * @throws IllegalArgumentException if the parts do not make a valid resource
         */
        R create(ObjectMeta metadata, S spec, T status);
    }

    private final Class<R> type;
    private final String kind;
    private final String apiVersion;
    private final String plural;
    private final String singular;
    private final List<String> shortNames;
    private final boolean namespaced;
    private final String description;
    private final ObjectSchema<?> spec;
    private final boolean specInline;
    private final ObjectSchema<?> status;
    private final Object emptyStatus;
    private final ObjectSchema.Validation<R> validation;
    private final ScaleAccessors<R> scale;
    private final List<PrinterColumn<R>> columns;
    private final UnaryOperator<Map<String, Object>> redaction;
    private final Comparator<R> order;
    private final ObjectSchema<R> schema;

    private ResourceKind(Builder<R> b) {
        this.type = b.type;
        this.kind = b.kind;
        this.apiVersion = b.apiVersion;
        this.plural = b.plural != null ? b.plural : b.kind.toLowerCase(Locale.ROOT) + "s";
        this.singular = b.singular != null ? b.singular : b.kind.toLowerCase(Locale.ROOT);
        this.shortNames = List.copyOf(b.shortNames);
        this.namespaced = b.namespaced;
        this.description = b.description;
        this.spec = b.spec;
        this.specInline = b.specInline;
        this.status = b.status;
        this.emptyStatus = b.emptyStatus;
        this.validation = b.validation;
        this.scale = b.scale;
        this.columns = List.copyOf(b.columns);
        this.redaction = b.redaction;
        this.order = b.order;
        this.schema = WireSchema.of(this, b.factory);
    }

    /**
     * A builder for a kind with a spec and a status.
     *
     * @param type        the record (or class) of the resource
     * @param kind        the kind as manifests spell it, for example {@code ReplicaSet}
     * @param spec        the schema of the spec
     * @param status      the schema of the status
     * @param emptyStatus the status of a resource no controller has looked at; what a create stores
     * @param factory     builds the resource from metadata, spec and status
     */
    public static <R extends Resource, S, T> Builder<R> builder(Class<R> type, String kind, ObjectSchema<S> spec,
                                                                 ObjectSchema<T> status, T emptyStatus,
                                                                 Factory<R, S, T> factory) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(emptyStatus, "emptyStatus");
        return new Builder<>(type, kind, spec, status, emptyStatus, erase(factory));
    }

    /**
     * A builder for a kind without status (configuration data such as a ConfigMap).
     *
     * @param factory builds the resource from metadata and spec
     */
    public static <R extends Resource, S> Builder<R> builder(Class<R> type, String kind, ObjectSchema<S> spec,
                                                              BiFunction<ObjectMeta, S, R> factory) {
        Objects.requireNonNull(factory, "factory");
        Factory<R, S, Object> withoutStatus = (metadata, s, ignored) -> factory.apply(metadata, s);
        return new Builder<>(type, kind, spec, null, null, erase(withoutStatus));
    }

    @SuppressWarnings("unchecked")
    private static <R> Factory<R, Object, Object> erase(Factory<R, ?, ?> factory) {
        return (Factory<R, Object, Object>) Objects.requireNonNull(factory, "factory");
    }

    /** The Java type of the resources. */
    public Class<R> type() {
        return type;
    }

    /** The kind, for example {@code ReplicaSet}. */
    public String kind() {
        return kind;
    }

    /** The API version, {@value Resource#API_VERSION} for k4s's kinds. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The plural, as in API paths and {@code get replicasets}. */
    public String plural() {
        return plural;
    }

    /** The singular, lower case, as in {@code get replicaset calc}. */
    public String singular() {
        return singular;
    }

    /** The short names, such as {@code rs}. */
    public List<String> shortNames() {
        return shortNames;
    }

    /** Every name the kind is known by, lower case: kind, plural, singular, short names. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add(kind.toLowerCase(Locale.ROOT));
        names.add(plural);
        names.add(singular);
        names.addAll(shortNames);
        return names;
    }

    /** Whether resources of this kind live in a namespace (else they are cluster-wide). */
    public boolean namespaced() {
        return namespaced;
    }

    /** What the kind is for, for {@code explain}. */
    public String description() {
        return description;
    }

    /** The schema of the spec. */
    public ObjectSchema<?> specSchema() {
        return spec;
    }

    /** Whether the spec's fields sit at the top level next to {@code metadata}, as a ConfigMap's {@code data}. */
    public boolean specInline() {
        return specInline;
    }

    /** The schema of the status, if the kind has one. */
    public Optional<ObjectSchema<?>> statusSchema() {
        return Optional.ofNullable(status);
    }

    /** The status a create stores, or {@code null} for kinds without status. */
    public Object emptyStatus() {
        return emptyStatus;
    }

    /** The whole resource as it is on the wire: apiVersion, kind, metadata, spec (or its fields), status. */
    public ObjectSchema<R> schema() {
        return schema;
    }

    /** The scale accessors, for kinds with replicas. */
    public Optional<ScaleAccessors<R>> scale() {
        return Optional.ofNullable(scale);
    }

    /** The columns of its table, without NAME and AGE. */
    public List<PrinterColumn<R>> printerColumns() {
        return columns;
    }

    /**
     * {@code generic} (this kind's generic form, a fresh copy the method may change) as output may
     * show it: with secret values replaced by placeholders, as a Secret's are; unchanged for kinds
     * without a redaction. Every output of objects (shell, API server, dashboard, logs) calls it.
     */
    public Map<String, Object> redact(Map<String, Object> generic) {
        return redaction.apply(generic);
    }

    /** The order {@code get} lists its resources in, if not by name (Events: by last occurrence). */
    public Optional<Comparator<R>> order() {
        return Optional.ofNullable(order);
    }

    /**
     * {@code resource} as this kind's type.
     *
     * @throws ClassCastException if it is of another kind
     */
    public R cast(Resource resource) {
        return type.cast(resource);
    }

    /** {@code Kind (apiVersion)}. */
    @Override
    public String toString() {
        return kind + " (" + apiVersion + ")";
    }

    /** Build a {@link ResourceKind}; each setting is checked where it is set. Not thread-safe. */
    public static final class Builder<R extends Resource> {
        private final Class<R> type;
        private final String kind;
        private final ObjectSchema<?> spec;
        private final ObjectSchema<?> status;
        private final Object emptyStatus;
        private final Factory<R, Object, Object> factory;
        private String apiVersion = Resource.API_VERSION;
        private String plural;
        private String singular;
        private final List<String> shortNames = new ArrayList<>();
        private boolean namespaced = true;
        private boolean specInline;
        private String description = "";
        private ObjectSchema.Validation<R> validation;
        private ScaleAccessors<R> scale;
        private final List<PrinterColumn<R>> columns = new ArrayList<>();
        private UnaryOperator<Map<String, Object>> redaction = UnaryOperator.identity();
        private Comparator<R> order;

        private Builder(Class<R> type, String kind, ObjectSchema<?> spec, ObjectSchema<?> status, Object emptyStatus,
                        Factory<R, Object, Object> factory) {
            this.type = Objects.requireNonNull(type, "type");
            this.kind = checked(KIND, kind, "kind", "CamelCase such as ReplicaSet");
            this.spec = Objects.requireNonNull(spec, "spec");
            this.status = status;
            this.emptyStatus = emptyStatus;
            this.factory = factory;
        }

        /** The API version, {@value Resource#API_VERSION} unless set. */
        public Builder<R> apiVersion(String apiVersion) {
            if (apiVersion == null || apiVersion.isBlank()) {
                throw new IllegalArgumentException("apiVersion must not be empty");
            }
            this.apiVersion = apiVersion;
            return this;
        }

        /** The plural, lower case; the kind in lower case plus "s" unless set. */
        public Builder<R> plural(String plural) {
            this.plural = checked(LOWER, plural, "plural", "lower-case letters and digits");
            return this;
        }

        /** The singular, lower case; the kind in lower case unless set. */
        public Builder<R> singular(String singular) {
            this.singular = checked(LOWER, singular, "singular", "lower-case letters and digits");
            return this;
        }

        /** Short names such as {@code rs}, lower case. */
        public Builder<R> shortNames(String... names) {
            for (String n : names) {
                shortNames.add(checked(LOWER, n, "short name", "lower-case letters and digits"));
            }
            return this;
        }

        /** Resources of this kind are cluster-wide, not in a namespace. */
        public Builder<R> clusterScoped() {
            this.namespaced = false;
            return this;
        }

        /** The spec's fields sit at the top level next to {@code metadata}, as a ConfigMap's {@code data}. */
        public Builder<R> specInline() {
            this.specInline = true;
            return this;
        }

        /**
         * How output hides this kind's secret values ({@link ResourceKind#redact}): a function that
         * changes and returns the generic form it is given.
         */
        public Builder<R> redaction(UnaryOperator<Map<String, Object>> redaction) {
            this.redaction = Objects.requireNonNull(redaction, "redaction");
            return this;
        }

        /** The order {@code get} lists the resources in; by namespace and name unless set. */
        public Builder<R> order(Comparator<R> order) {
            this.order = Objects.requireNonNull(order, "order");
            return this;
        }

        /** What the kind is for. */
        public Builder<R> description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Check resources beyond their schema (rules across fields); paths are from the top of
         * the resource, such as {@code spec.color}. Runs wherever a resource is read or applied.
         */
        public Builder<R> validation(ObjectSchema.Validation<R> validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** The kind has replicas, read and changed through {@code scale}. */
        public Builder<R> scale(ScaleAccessors<R> scale) {
            this.scale = Objects.requireNonNull(scale, "scale");
            return this;
        }

        /** Add a column to the kind's table, after those added before. */
        public Builder<R> column(PrinterColumn<R> column) {
            columns.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        /**
         * The descriptor.
         *
         * @throws IllegalArgumentException if a spec field clashes with a top-level field of an
         *                                  inline spec
         */
        public ResourceKind<R> build() {
            return new ResourceKind<>(this);
        }

        private static String checked(Pattern pattern, String value, String what, String expected) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException(what + " \"" + value + "\" is not valid: use " + expected);
            }
            return value;
        }
    }

    /** The wire schema of a whole resource, built from the descriptor's parts. */
    private static final class WireSchema {

        private WireSchema() {}

        @SuppressWarnings("unchecked")
        static <R extends Resource> ObjectSchema<R> of(ResourceKind<R> k, Factory<R, Object, Object> factory) {
            ObjectSchema.Builder<R> b = ObjectSchema.<R>builder(k.kind).description(k.description)
                    .optional("apiVersion", StringSchema.builder()
                            .check(v -> v.equals(k.apiVersion) ? null
                                    : "expected \"" + k.apiVersion + "\", got \"" + v + "\"").build(),
                            Resource::apiVersion, k.apiVersion,
                            "The versioned schema of this object: " + k.apiVersion + ".")
                    .optional("kind", StringSchema.builder()
                            .check(v -> v.equals(k.kind) ? null : "expected \"" + k.kind + "\", got \"" + v + "\"")
                            .build(), Resource::kind, k.kind, "The kind of this object: " + k.kind + ".")
                    .required("metadata", MetadataSchemas.OBJECT_META, Resource::metadata,
                            "Name, namespace, labels and the fields the store maintains.");
            ObjectSchema<Object> spec = (ObjectSchema<Object>) k.spec;
            if (k.specInline) {
                b.inline(spec, Resource::spec);
            } else {
                b.required("spec", spec, Resource::spec, "");
            }
            if (k.status != null) {
                b.optional("status", (ObjectSchema<Object>) k.status, Resource::status, k.emptyStatus, "").omitDefault();
            }
            if (k.validation != null) {
                b.validation(k.validation);
            }
            return b.build(v -> {
                Object specValue = k.specInline ? spec.construct(v) : v.get("spec");
                if (specValue == null) {
                    return null;
                }
                ObjectMeta metadata = v.get("metadata");
                if (!k.namespaced && metadata != null && !metadata.clusterScoped()) {
                    // As Kubernetes' API server (BeforeCreate), and kubectl, ignore a namespace given for a cluster-scoped kind.
                    metadata = metadata.withNamespace(ObjectMeta.NO_NAMESPACE);
                }
                return factory.create(metadata, specValue, k.status == null ? null : v.get("status"));
            });
        }
    }
}
