package io.k4s.bench;

import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.Resource;
import io.k4s.api.schema.FieldError;
import io.k4s.api.schema.ValidationContext;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.kind.ResourceCodec;
import io.k4s.core.manifest.ManifestReader;
import io.k4s.core.manifest.ManifestWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measure what the kind registry's codec costs per resource (a ReplicaSet with labels and
 * params): the schema check {@code K4sCluster.apply(resource)} runs, JSON both ways (what the API
 * server and durable stores will do per object), and reading a YAML manifest.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

    private final ResourceCodec codec = new ResourceCodec(KindRegistry.builtIn());
    private final ManifestReader reader = new ManifestReader();
    private final Resource replicaSet = ReplicaSet.of(ObjectMeta.of("calc").withLabels(Map.of("app", "calc")),
            new ReplicaSetSpec(3, ContainerTemplate.of(Map.of("app", "calc"),
                    ContainerSpec.of("calculator", Map.of("precision", 4, "mode", "fast")))));
    private final String json = codec.toJson(replicaSet);
    private final String yaml = new ManifestWriter().write(replicaSet);

    /** The schema check of a resource built in Java (encode, then decode with the context). */
    @Benchmark
    public List<FieldError> validate() {
        return codec.validate(replicaSet, ValidationContext.LENIENT);
    }

    /** A resource to JSON text. */
    @Benchmark
    public String toJson() {
        return codec.toJson(replicaSet);
    }

    /** JSON text to a resource. */
    @Benchmark
    public Resource fromJson() {
        return codec.fromJson(json);
    }

    /** A one-document YAML manifest to a resource, with positions. */
    @Benchmark
    public List<Resource> readYaml() {
        return reader.read(yaml);
    }
}
