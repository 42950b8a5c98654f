package io.k4s.api.resource;

import io.k4s.api.schema.BooleanSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MapSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The schemas of ConfigMaps and Secrets, and of the container fields that take params from them
 * ({@code paramsFrom}).
 */
public final class ConfigSchemas {

    private ConfigSchemas() {}

    /** The API version of Kubernetes' core group, which ConfigMap and Secret keep: {@value}. */
    public static final String CORE_API_VERSION = "v1";

    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");

    /** A key of a ConfigMap or Secret. */
    static String keyProblem(String key, Object ignored) {
        return KEY.matcher(key).matches() ? null
                : "key \"" + key + "\" is not valid: use up to 253 letters, digits, '-', '_' and '.'";
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("<redacted: \\d+ bytes?>");

    /**
     * What is wrong with {@code value} as base64 (never quoting it), or null. A value that decodes
     * to a redaction placeholder is refused, so that output written back (kubectl edit, get -o yaml
     * then apply) cannot replace a secret with its placeholder.
     */
    static String base64Problem(String value) {
        try {
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            return PLACEHOLDER.matcher(decoded).matches() ? "is a redacted placeholder (" + decoded + "), not a value:"
                    + " give the real value" : null;
        } catch (IllegalArgumentException e) {
            return "is not valid base64 (" + value.length() + " characters); give plain text in stringData instead";
        }
    }

    /** The data of a ConfigMap. */
    public static final ObjectSchema<ConfigMap.ConfigMapData> CONFIG_MAP_DATA = ObjectSchema.<ConfigMap.ConfigMapData>
                    builder("ConfigMapData")
            .description("Configuration as string key-value pairs.")
            .optional("data", MapSchema.builder(StringSchema.of("A value.")).description("The key-value pairs; keys"
                    + " are letters, digits, '-', '_' and '.'. A container takes them with paramsFrom.configMapRef"
                    + " or a param's valueFrom.configMapKeyRef.").entryCheck(ConfigSchemas::keyProblem).build(),
                    ConfigMap.ConfigMapData::data, Map.of(), "")
            .build(v -> new ConfigMap.ConfigMapData(v.get("data")));

    /** The type and values of a Secret. */
    public static final ObjectSchema<Secret.SecretData> SECRET_DATA = ObjectSchema.<Secret.SecretData>builder(
                    "SecretData")
            .description("Secret values; shown by no output (redacted as <redacted: N bytes>).")
            .optional("type", StringSchema.of("A free-form type, such as Opaque (default)."),
                    Secret.SecretData::type, Secret.OPAQUE, "")
            .optional("data", MapSchema.builder(StringSchema.builder().description("A value in base64.")
                            .check(ConfigSchemas::base64Problem).sensitive().build())
                            .description("Values in base64, by key. A container takes them with paramsFrom.secretRef or"
                                    + " a param's valueFrom.secretKeyRef, decoded as UTF-8 text.")
                            .entryCheck(ConfigSchemas::keyProblem).build(),
                    Secret.SecretData::data, Map.of(), "")
            .optional("stringData", MapSchema.builder(StringSchema.builder().description("A value in plain text.")
                            .sensitive().build())
                            .description("Values in plain text, by key: merged into data when written (winning on a"
                                    + " shared key), so a stored Secret shows them under data.")
                            .entryCheck(ConfigSchemas::keyProblem).build(),
                    Secret.SecretData::stringData, Map.of(), "")
            .build(v -> new Secret.SecretData(v.get("type"), v.get("data"), v.get("stringData")));

    private static final ObjectSchema<ParamsFromSource.ConfigRef> CONFIG_REF = ObjectSchema
            .<ParamsFromSource.ConfigRef>builder("ConfigRef")
            .description("A ConfigMap or Secret in the container's namespace.")
            .required("name", StringSchema.builder().description("Its name.")
                    .check(n -> n.isBlank() ? "must not be empty" : null).build(), ParamsFromSource.ConfigRef::name, "")
            .optional("optional", BooleanSchema.of("Whether the container starts without it; default false: the"
                    + " container stays Pending (CreateContainerConfigError) until it exists."),
                    ParamsFromSource.ConfigRef::optional, false, "")
            .build(v -> new ParamsFromSource.ConfigRef(v.get("name"), v.<Boolean>get("optional")));

    private static final ObjectSchema<ParamsFromSource> PARAMS_FROM_SOURCE = ObjectSchema.<ParamsFromSource>builder(
                    "ParamsFromSource")
            .description("Every key of one ConfigMap or Secret, as params.")
            .optional("configMapRef", CONFIG_REF, ParamsFromSource::configMapRef, null, "The ConfigMap.")
            .optional("secretRef", CONFIG_REF, ParamsFromSource::secretRef, null, "The Secret.")
            .optional("prefix", StringSchema.of("Put before each key to make the param's name; default none."),
                    ParamsFromSource::prefix, "", "")
            .build(v -> {
                if (v.present("configMapRef") == v.present("secretRef")) {
                    v.problem(v.present("configMapRef") ? "secretRef" : "configMapRef",
                            "give exactly one of configMapRef and secretRef");
                    return null;
                }
                return new ParamsFromSource(v.get("configMapRef"), v.get("secretRef"), v.get("prefix"));
            });

    /** A container's {@code paramsFrom}. */
    public static final ListSchema<ParamsFromSource> PARAMS_FROM = ListSchema.of("ConfigMaps and Secrets whose every"
            + " key becomes a param, resolved each time the container starts; later entries win on a shared key, and"
            + " params win over all of them. A missing one keeps the container Pending (CreateContainerConfigError)"
            + " until it exists, unless it is optional.", PARAMS_FROM_SOURCE);

    /** The problem of each param written as a reference ({@link ParamKeyRef#parse}), by field path. */
    static List<Map.Entry<String, String>> paramRefProblems(Map<String, Object> params) {
        return params.entrySet().stream().<Map.Entry<String, String>>mapMulti((e, out) -> {
            try {
                ParamKeyRef.parse(e.getValue());
            } catch (IllegalArgumentException problem) {
                String message = problem.getMessage();
                int colon = message.indexOf(": ");
                out.accept(Map.entry("params." + e.getKey() + "." + message.substring(0, colon),
                        message.substring(colon + 2)));
            }
        }).toList();
    }
}
