package io.k4s.demo;

import java.util.List;

/**
 * One narrated demo: a name for the command line, a title, the manifest it applies, and the
 * script that runs it on its own cluster.
 *
 * @param name     the name {@code demo NAME} takes, for example {@code pipeline}
 * @param title    a one-line description for {@code demo --list}
 * @param manifest the manifest's path inside the jar, for example {@code demos/pipeline.yaml}
 * @param script   what the demo does once its cluster is up
 */
record Demo(String name, String title, String manifest, Script script) {

    /** The body of a demo: runs on the caller's thread against the stage's cluster. */
    @FunctionalInterface
    interface Script {
        void run(Stage stage) throws Exception;
    }

    /** The seven demos of the seed and the three of the workloads, in the order they run. */
    static List<Demo> all() {
        return List.of(
                new Demo("simple-service", "one echo container behind a service", "demos/simple-service.yaml",
                        ServiceDemos::simpleService),
                new Demo("replicated-service", "three calculators, requests spread round-robin",
                        "demos/replicated-service.yaml", ServiceDemos::replicatedService),
                new Demo("scaling", "scale a ReplicaSet from 2 to 5 and down to 1", "demos/scaling.yaml",
                        ServiceDemos::scaling),
                new Demo("pipeline", "generator -> processor -> aggregator", "demos/pipeline.yaml",
                        FlowDemos::pipeline),
                new Demo("request-response", "ask a calculator service; errors come back to the caller",
                        "demos/request-response.yaml", ServiceDemos::requestResponse),
                new Demo("batch-aggregation", "batches closed by size (10) or by a 500ms window",
                        "demos/batch-aggregation.yaml", FlowDemos::batchAggregation),
                new Demo("periodic-generation", "a timer-driven generator feeding a sink",
                        "demos/periodic-generation.yaml", FlowDemos::periodicGeneration),
                new Demo("rolling-update", "a Deployment rolled from v1 to v2 and back under traffic, no request"
                        + " failing", "demos/rolling-update.yaml", WorkloadDemos::rollingUpdate),
                new Demo("job", "a parallel Job; a flaky task is retried", "demos/job.yaml", WorkloadDemos::job),
                new Demo("autoscale", "a HorizontalAutoscaler follows a generator's rate up and down",
                        "demos/autoscale.yaml", WorkloadDemos::autoscale));
    }
}
