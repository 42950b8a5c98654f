package io.k4s.core.manifest;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.ServiceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Read the {@code status} of each kind, so that what {@link ManifestWriter} writes reads back.
 * Every field is optional and defaults to the kind's empty status.
 */
final class StatusSchema {

    private static final Map<String, ContainerPhase> PHASES = SpecSchema.spellings(ContainerPhase.values(),
            ContainerPhase::text);

    private final Doc doc;

    StatusSchema(Doc doc) {
        this.doc = doc;
    }

    ContainerStatus container(Node node) {
        int before = doc.errorCount();
        Fields f = Fields.of(doc, node, "status", "phase", "reason", "message", "ready", "restartCount",
                "startedAt", "counters", "lastError", "observedGeneration");
        if (f == null) {
            return null;
        }
        ContainerPhase phase = f.get("phase") == null ? ContainerPhase.PENDING
                : Values.choice(doc, f.get("phase"), f.path("phase"), PHASES);
        String reason = MetadataSchema.optionalString(doc, f, "reason");
        String message = MetadataSchema.optionalString(doc, f, "message");
        Boolean ready = f.get("ready") == null ? Boolean.FALSE : Values.bool(doc, f.get("ready"), f.path("ready"));
        Long restarts = count(f, "restartCount", Integer.MAX_VALUE);
        Instant startedAt = f.get("startedAt") == null ? null
                : Values.instant(doc, f.get("startedAt"), f.path("startedAt"));
        MessageCounters counters = f.get("counters") == null ? MessageCounters.ZERO
                : counters(f.get("counters"), f.path("counters"));
        String lastError = MetadataSchema.optionalString(doc, f, "lastError");
        Long observed = count(f, "observedGeneration", Long.MAX_VALUE);
        if (doc.errorCount() > before) {
            return null;
        }
        return new ContainerStatus(phase, reason, message, ready, restarts.intValue(), startedAt, counters,
                lastError, observed);
    }

    ReplicaSetStatus replicaSet(Node node) {
        int before = doc.errorCount();
        Fields f = Fields.of(doc, node, "status", "replicas", "readyReplicas", "observedGeneration", "conditions");
        if (f == null) {
            return null;
        }
        Long replicas = count(f, "replicas", Integer.MAX_VALUE);
        Long ready = count(f, "readyReplicas", Integer.MAX_VALUE);
        Long observed = count(f, "observedGeneration", Long.MAX_VALUE);
        List<Condition> conditions = f.get("conditions") == null ? List.of()
                : conditions(f.get("conditions"), f.path("conditions"));
        if (doc.errorCount() > before) {
            return null;
        }
        return new ReplicaSetStatus(replicas.intValue(), ready.intValue(), observed, conditions);
    }

    ServiceStatus service(Node node) {
        int before = doc.errorCount();
        Fields f = Fields.of(doc, node, "status", "endpoints", "conditions", "observedGeneration");
        if (f == null) {
            return null;
        }
        List<String> endpoints = new ArrayList<>();
        if (f.get("endpoints") != null) {
            List<Node> items = Values.list(doc, f.get("endpoints"), f.path("endpoints"));
            for (int i = 0; items != null && i < items.size(); i++) {
                endpoints.add(Values.string(doc, items.get(i), f.path("endpoints") + "[" + i + "]"));
            }
        }
        List<Condition> conditions = f.get("conditions") == null ? List.of()
                : conditions(f.get("conditions"), f.path("conditions"));
        Long observed = count(f, "observedGeneration", Long.MAX_VALUE);
        if (doc.errorCount() > before) {
            return null;
        }
        return new ServiceStatus(endpoints, conditions, observed);
    }

    private MessageCounters counters(Node node, String path) {
        Fields f = Fields.of(doc, node, path, "received", "processed", "failed", "queued");
        if (f == null) {
            return null;
        }
        Long received = count(f, "received", Long.MAX_VALUE);
        Long processed = count(f, "processed", Long.MAX_VALUE);
        Long failed = count(f, "failed", Long.MAX_VALUE);
        Long queued = count(f, "queued", Integer.MAX_VALUE);
        if (received == null || processed == null || failed == null || queued == null) {
            return null;
        }
        return new MessageCounters(received, processed, failed, queued.intValue());
    }

    private List<Condition> conditions(Node node, String path) {
        List<Node> items = Values.list(doc, node, path);
        if (items == null) {
            return null;
        }
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields f = Fields.of(doc, items.get(i), path + "[" + i + "]", "type", "status", "reason", "message",
                    "lastTransitionTime");
            if (f == null) {
                continue;
            }
            String type = MetadataSchema.requiredString(doc, f, "type");
            Boolean status = f.get("status") == null ? Boolean.FALSE
                    : Values.bool(doc, f.get("status"), f.path("status"));
            String reason = MetadataSchema.optionalString(doc, f, "reason");
            String message = MetadataSchema.optionalString(doc, f, "message");
            Instant since = f.get("lastTransitionTime") == null ? null
                    : Values.instant(doc, f.get("lastTransitionTime"), f.path("lastTransitionTime"));
            if (type != null && status != null && reason != null && message != null) {
                out.add(new Condition(type, status, reason, message, since));
            }
        }
        return out;
    }

    /** An optional non-negative count up to {@code max}: 0 when absent, {@code null} (reported) when wrong. */
    private Long count(Fields f, String key, long max) {
        Node node = f.get(key);
        return node == null ? Long.valueOf(0)
                : Values.integer(doc, node, f.path(key), 0, max, "a non-negative integer");
    }
}
