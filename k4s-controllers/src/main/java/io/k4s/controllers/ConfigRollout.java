package io.k4s.controllers;

import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.ParamKeyRef;
import io.k4s.api.resource.ParamsFromSource;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Secret;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Roll a Deployment out again when a ConfigMap or Secret its template references changes, for
 * Deployments that opted in ({@link Deployment#RESTART_ON_CONFIG_CHANGE_ANNOTATION}): the
 * template carries {@link Deployment#CONFIG_HASH_ANNOTATION}, a hash of the referenced objects'
 * uids and resourceVersions (never their values, which a hash of a short secret would let anyone
 * guess), and a new hash is a template change like {@code rollout restart}'s. Stateless.
 */
final class ConfigRollout {

    private ConfigRollout() {}

    /** Whether {@code d} opted in. */
    static boolean optedIn(Deployment d) {
        return "true".equals(d.metadata().annotations().get(Deployment.RESTART_ON_CONFIG_CHANGE_ANNOTATION));
    }

    /** {@code d} with its template's config hash brought up to date, if it opted in and the hash moved. */
    static Optional<Deployment> updated(Deployment d, ResourceClient resources) {
        if (!optedIn(d)) {
            return Optional.empty();
        }
        ContainerTemplate t = d.spec().template();
        String hash = hash(t.spec(), d.metadata().namespace(), resources);
        if (hash.equals(t.annotations().get(Deployment.CONFIG_HASH_ANNOTATION))) {
            return Optional.empty();
        }
        Map<String, String> annotations = new LinkedHashMap<>(t.annotations());
        annotations.put(Deployment.CONFIG_HASH_ANNOTATION, hash);
        return Optional.of(d.withSpec(d.spec().withTemplate(new ContainerTemplate(t.labels(), annotations, t.spec()))));
    }

    /** The opted-in Deployments of {@code changed}'s namespace whose template references it. */
    static Collection<ResourceKey> deploymentsReferencing(Resource changed, ResourceClient resources) {
        return resources.list(Deployment.class, changed.metadata().namespace()).items().stream()
                .filter(ConfigRollout::optedIn)
                .filter(d -> ConfigParams.references(d.spec().template().spec(), changed))
                .map(Resource::key).toList();
    }

    private static String hash(ContainerSpec spec, String namespace, ResourceClient resources) {
        TreeSet<String> refs = new TreeSet<>();
        for (ParamsFromSource from : spec.paramsFrom()) {
            refs.add((from.secret() ? "Secret/" : "ConfigMap/") + from.ref().name());
        }
        for (ParamKeyRef ref : ConfigParams.keyRefs(spec).toList()) {
            refs.add((ref.secret() ? "Secret/" : "ConfigMap/") + ref.name());
        }
        long h = 0xcbf29ce484222325L;
        for (String ref : refs) {
            String name = ref.substring(ref.indexOf('/') + 1);
            ResourceKey key = new ResourceKey(namespace, name);
            Optional<? extends Resource> found = ref.startsWith("Secret/") ? resources.get(Secret.class, key)
                    : resources.get(ConfigMap.class, key);
            String version = found.map(r -> r.metadata().uid() + "@" + r.metadata().resourceVersion()).orElse("none");
            for (char c : (ref + "=" + version + ";").toCharArray()) {
                h = (h ^ c) * 0x100000001b3L;
            }
        }
        return HexFormat.of().toHexDigits(h);
    }
}
