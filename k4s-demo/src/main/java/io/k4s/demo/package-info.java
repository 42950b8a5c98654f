/**
 * The k4s application: {@code java -jar k4s-demo.jar demo|quickstart|run|validate|workers}.
 *
 * <p>Start with {@link io.k4s.demo.Main}, the picocli root command. Each subcommand is a small
 * package-private class ({@code DemoCommand}, {@code RunCommand}, ...) built on
 * {@code K4sCommand}, which turns failures into one line and an exit code. The {@code run}
 * shell is {@code Shell} with {@code ResourceCommands}, {@code Listing} (get),
 * {@code Description} (describe) and {@code RolloutVerbs} (rollout); {@code Readiness} waits until applied resources are ready and
 * routed. The demos are {@code Demo} entries whose scripts ({@code ServiceDemos},
 * {@code FlowDemos}, {@code WorkloadDemos}) run on a {@code Stage}; their manifests are in {@code demos/} in the jar.
 */
package io.k4s.demo;
