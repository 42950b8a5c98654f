package io.k4s.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ContainerSchemas;
import io.k4s.api.resource.Kinds;
import io.k4s.api.resource.MetadataSchemas;
import io.k4s.api.resource.RestartPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaBuildersTest {

    @Test
    void builders_refuseWhatCannotWork_whereItIsSet() {
        assertThrows(IllegalArgumentException.class, () -> IntegerSchema.int32().min(5).max(1).build());
        assertThrows(IllegalArgumentException.class, () -> IntegerSchema.int32().max(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> EnumSchema.<String>builder().value("a", "a").value("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> EnumSchema.<String>builder().build());
        assertThrows(IllegalArgumentException.class, () -> OneOfSchema.<String>builder().build());
        assertThrows(IllegalStateException.class, () -> ObjectSchema.<String>builder("X").omitDefault());
        assertThrows(IllegalArgumentException.class, () -> ObjectSchema.<String>builder("X")
                .required("a", StringSchema.of(""), s -> s, "").required("a", StringSchema.of(""), s -> s, ""));
        assertThrows(IllegalArgumentException.class, () -> FreeFormSchema.map().maxValues(0));
    }

    @Test
    void typeNames_areWhatExplainShows() {
        assertEquals("map[string]string", MetadataSchemas.LABELS.typeName());
        assertEquals("[]Condition", MetadataSchemas.CONDITIONS.typeName());
        assertEquals("string | map[string]string", Kinds.SELECTOR.typeName());
        assertEquals("ContainerSpec", ContainerSchemas.SPEC.typeName());
        assertEquals("Object", FreeFormSchema.map().build().typeName());
        assertEquals(List.of("worker", "params", "restartPolicy", "mailboxCapacity", "terminationGracePeriod",
                "executor", "resources", "handleTimeout", "readinessProbe", "livenessProbe", "startupProbe",
                "initWorkers", "image", "paramsFrom", "nodeName", "nodeSelector"), ContainerSchemas.SPEC.fieldNames());
    }

    @Test
    void stringChecks_patternsAndTheContext() {
        StringSchema worker = (StringSchema) ContainerSchemas.SPEC.field("worker").orElseThrow().schema();
        StringSchema pattern = StringSchema.builder().pattern("[a-z]+", "use lower-case letters").build();
        // The spec checks the worker type against the cluster (it depends on image); a field's check may ask too.
        StringSchema asksTheCluster = StringSchema.builder().check((w, context) -> context.workerProblem(w)).build();

        assertEquals("must not be empty: name a worker type such as echo", worker.problem(" ", ValidationContext.LENIENT));
        assertEquals("nope", asksTheCluster.problem("x", type -> "nope"));
        assertNull(worker.problem("x", type -> "nope"));
        assertNull(worker.problem("echo", ValidationContext.LENIENT));
        assertEquals("\"A1\" is not valid: use lower-case letters", pattern.problem("A1", ValidationContext.LENIENT));
    }

    @Test
    void enumsSpellExactly_andBoundIntegersBox() {
        assertEquals("OnFailure", ContainerSchemas.RESTART_POLICY.spelling(RestartPolicy.ON_FAILURE));
        assertEquals(RestartPolicy.NEVER, ContainerSchemas.RESTART_POLICY.values().get("Never"));
        assertNull(ContainerSchemas.RESTART_POLICY.values().get("never"));
        IntegerSchema<Integer> replicas = IntegerSchema.int32().min(0).max(10).build();
        assertEquals(3, replicas.box(3));
        assertEquals("a non-negative integer", replicas.expectation());
        assertThrows(IllegalArgumentException.class, () -> replicas.box(11));
        assertTrue(IntegerSchema.int64().build().javaLong());
    }
}
