package io.k4s.server.internal.logs;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.kind.ResourceCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Containers as Kubernetes pods of one container: what kubectl reads before it asks for a log. */
final class Pods {

    private Pods() {}

    /** The Container {@code key} names, if it exists. */
    static Optional<Container> find(ResourceClient resources, ResourceKey key) {
        return resources.get(Container.class, key);
    }

    /** {@code c} as a {@code v1 Pod} of one container: what kubectl reads before it asks for the log. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> pod(Container c, ResourceCodec codec) {
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) codec.toGeneric(c).get("metadata"));
        metadata.remove("finalizers");
        metadata.remove("ownerReferences");
        String name = c.metadata().name();
        Map<String, Object> containerStatus = new LinkedHashMap<>();
        containerStatus.put("name", name);
        containerStatus.put("image", c.spec().worker());
        containerStatus.put("imageID", "");
        containerStatus.put("ready", c.status().ready());
        containerStatus.put("restartCount", c.status().restartCount());
        containerStatus.put("started", c.status().startedAt() != null);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", c.status().phase().text());
        status.put("containerStatuses", List.of(containerStatus));
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", metadata);
        pod.put("spec", Map.of("containers", List.of(Map.of("name", name, "image", c.spec().worker()))));
        pod.put("status", status);
        return pod;
    }
}
