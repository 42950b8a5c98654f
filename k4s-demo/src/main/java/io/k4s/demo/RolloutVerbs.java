package io.k4s.demo;

import io.k4s.api.resource.ContainerSchemas;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.RolloutFailedException;
import io.k4s.api.resource.RolloutHistory;
import io.k4s.api.resource.RolloutProgress;
import io.k4s.core.K4sCluster;
import io.k4s.core.Rollouts;
import io.k4s.core.schema.SchemaEncoder;
import io.k4s.core.schema.YamlText;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollout status|history|undo|pause|resume|restart deployment/NAME}: the shell's words
 * for {@link Rollouts}, printed as kubectl prints them. Commands that start a rollout (undo,
 * resume, restart) wait until it has settled, like {@code apply}. Used by the shell thread only.
 */
@Command(name = "rollout", description = "Follow and steer a Deployment's rollout: status, history, undo, pause,"
        + " resume, restart.")
final class RolloutVerbs implements Runnable {

    /** What {@code rollout status} waits without {@code --timeout}: until the rollout ends, as kubectl does. */
    static final Duration NO_TIMEOUT = Duration.ofDays(365);

    private final K4sCluster cluster;
    private final PrintStream out;
    private final ResourceCommands resources;

    RolloutVerbs(K4sCluster cluster, PrintStream out, ResourceCommands resources) {
        this.cluster = cluster;
        this.out = out;
        this.resources = resources;
    }

    /** {@code rollout} alone. */
    @Override
    public void run() {
        throw new IllegalArgumentException("say what to do: rollout status|history|undo|pause|resume|restart"
                + " deployment/NAME");
    }

    @Command(name = "status", description = "Wait until the rollout completes, printing its progress; fails when it"
            + " exceeds its progress deadline, is paused unfinished, or --timeout passes.")
    void status(@Parameters(paramLabel = "deployment/NAME", arity = "1..2") List<String> args,
                @Mixin ShellVerbs.Scope scope, @Mixin ShellVerbs.Help help,
                @Option(names = "--timeout", paramLabel = "DURATION",
                        description = "Give up after this long (default: wait until the rollout ends).") String timeout,
                @Option(names = {"-w", "--watch"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
                        paramLabel = "true|false", description = "Wait (default); --watch=false prints the status once.")
                boolean watch) {
        Target t = target(args, "rollout status", scope);
        Rollouts rollouts = cluster.rollouts();
        if (!watch) {
            RolloutProgress now = rollouts.status(t.namespace(), t.name());
            if (now.state() == RolloutProgress.State.PROGRESS_DEADLINE_EXCEEDED) {
                throw new RolloutFailedException(now, null);
            }
            out.println(now.message());
            return;
        }
        Duration limit = timeout == null ? NO_TIMEOUT : Shell.duration(timeout);
        String[] printed = {null};
        RolloutProgress done = rollouts.await(t.namespace(), t.name(), limit, progress -> {
            if (progress.state() == RolloutProgress.State.PROGRESSING
                    || progress.state() == RolloutProgress.State.OBSERVING) {
                if (!progress.message().equals(printed[0])) {
                    out.println(progress.message());
                    printed[0] = progress.message();
                }
            }
        });
        out.println(done.message());
    }

    @Command(name = "history", description = "List the revisions and their change causes (the k4s.io/change-cause"
            + " annotation); --revision=N shows that revision's template.")
    void history(@Parameters(paramLabel = "deployment/NAME", arity = "1..2") List<String> args,
                 @Mixin ShellVerbs.Scope scope, @Mixin ShellVerbs.Help help,
                 @Option(names = "--revision", paramLabel = "N", description = "Show this revision's template.")
                 Long revision) {
        Target t = target(args, "rollout history", scope);
        RolloutHistory history = cluster.rollouts().history(t.namespace(), t.name());
        if (revision != null) {
            RolloutHistory.Revision r = history.revision(revision).orElseThrow(() -> new IllegalArgumentException(
                    "revision " + revision + " not found; revisions kept: " + numbers(history)));
            out.println("deployment/" + t.name() + " with revision #" + r.number());
            out.println("ReplicaSet:   " + r.replicaSet());
            out.println("Change cause: " + (r.changeCause().isEmpty() ? "<none>" : r.changeCause()));
            out.println("Template:");
            YamlText.write(SchemaEncoder.encode(ContainerSchemas.TEMPLATE, r.template())).lines()
                    .forEach(line -> out.println("  " + line));
            return;
        }
        out.println("deployment/" + t.name());
        Table table = new Table("REVISION", "CHANGE-CAUSE");
        history.revisions().forEach(r -> table.row(r.number(), r.changeCause().isEmpty() ? "<none>" : r.changeCause()));
        table.print(out);
    }

    @Command(name = "undo", description = "Roll back to the previous revision (or --to-revision=N), as a new rollout;"
            + " wait until it has settled.")
    void undo(@Parameters(paramLabel = "deployment/NAME", arity = "1..2") List<String> args,
              @Mixin ShellVerbs.Scope scope, @Mixin ShellVerbs.Help help,
              @Option(names = "--to-revision", paramLabel = "N", defaultValue = "0",
                      description = "The revision to return to (default 0: the one before the current).")
              long toRevision) {
        Target t = target(args, "rollout undo", scope);
        RolloutHistory.Revision to = cluster.rollouts().history(t.namespace(), t.name()).undoTarget(toRevision);
        Deployment before = deployment(t);
        Deployment after = cluster.rollouts().undo(t.namespace(), t.name(), toRevision);
        if (after.spec().template().equals(before.spec().template())) {
            out.println("deployment/" + t.name() + " skipped rollback (current template already matches revision "
                    + to.number() + ")");
            return;
        }
        out.println("deployment/" + t.name() + " rolled back");
        resources.settle(List.of(after));
    }

    @Command(name = "pause", description = "Hold template changes until resumed (replica changes still apply).")
    void pause(@Parameters(paramLabel = "deployment/NAME", arity = "1..2") List<String> args,
               @Mixin ShellVerbs.Scope scope, @Mixin ShellVerbs.Help help) {
        Target t = target(args, "rollout pause", scope);
        if (deployment(t).spec().paused()) {
            throw new IllegalStateException("deployment \"" + t.name() + "\" is already paused");
        }
        cluster.rollouts().pause(t.namespace(), t.name());
        out.println("deployment/" + t.name() + " paused");
    }

    @Command(name = "resume", description = "Roll out what changed while paused; wait until it has settled.")
    void resume(@Parameters(paramLabel = "deployment/NAME", arity = "1..2") List<String> args,
                @Mixin ShellVerbs.Scope scope, @Mixin ShellVerbs.Help help) {
        Target t = target(args, "rollout resume", scope);
        if (!deployment(t).spec().paused()) {
            throw new IllegalStateException("deployment \"" + t.name() + "\" is not paused");
        }
        Deployment resumed = cluster.rollouts().resume(t.namespace(), t.name());
        out.println("deployment/" + t.name() + " resumed");
        resources.settle(List.of(resumed));
    }

    @Command(name = "restart", description = "Replace every container by a rollout of the same template; wait until"
            + " it has settled.")
    void restart(@Parameters(paramLabel = "deployment/NAME", arity = "1..2") List<String> args,
                 @Mixin ShellVerbs.Scope scope, @Mixin ShellVerbs.Help help) {
        Target t = target(args, "rollout restart", scope);
        Deployment restarted = cluster.rollouts().restart(t.namespace(), t.name());
        out.println("deployment/" + t.name() + " restarted");
        resources.settle(List.of(restarted));
    }

    /** A Deployment's namespace and name. */
    private record Target(String namespace, String name) {}

    private Target target(List<String> args, String verb, ShellVerbs.Scope scope) {
        Words.Target t = Words.target(args, verb, cluster.kinds());
        if (t.kind().type() != Deployment.class) {
            throw new IllegalArgumentException(verb + " works on deployments (deployment/NAME or deploy/NAME), not on "
                    + t.kind().plural());
        }
        String namespace = scope.namespace();
        if (namespace == null) {
            throw new IllegalArgumentException(verb + " -A is not supported: give -n NAMESPACE");
        }
        return new Target(namespace, t.name());
    }

    private Deployment deployment(Target t) {
        return cluster.resources().get(Deployment.class, t.namespace(), t.name())
                .orElseThrow(() -> ResourceCommands.notFound(cluster.kinds().require(Deployment.KIND), t.namespace(),
                        t.name()));
    }

    private static String numbers(RolloutHistory history) {
        return history.revisions().isEmpty() ? "none"
                : String.join(", ", history.revisions().stream().map(r -> Long.toString(r.number())).toList());
    }
}
