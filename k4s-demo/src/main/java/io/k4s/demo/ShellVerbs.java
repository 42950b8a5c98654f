package io.k4s.demo;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Selector;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The shell's verbs as picocli commands, so each verb knows its flags: an unknown flag is
 * refused with the list of known ones, a misspelt verb gets a suggestion, and
 * {@code VERB --help} prints the verb's usage. Each method reads its flags and hands the work to
 * {@link ResourceCommands}, {@link Labeling} or the {@link Shell}. Used by the shell thread only.
 */
@Command(name = "k4s", description = "The k4s shell; type help for the commands.")
final class ShellVerbs {

    /** {@code -n NAMESPACE} and {@code -A}, which every verb takes. */
    static final class Scope {
        @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
                description = "The namespace (default: default).")
        String namespace;

        @Option(names = {"-A", "--all-namespaces"}, description = "Every namespace.")
        boolean allNamespaces;

        /** The namespace asked for; {@code null} means all of them. */
        String namespace() {
            if (allNamespaces && namespace != null) {
                throw new IllegalArgumentException("give -n NAMESPACE or -A, not both");
            }
            return allNamespaces ? null : namespace == null ? ObjectMeta.DEFAULT_NAMESPACE : namespace;
        }
    }

    /** {@code -h}/{@code --help} for every verb. */
    static final class Help {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this verb's usage.")
        boolean help;
    }

    private final Shell shell;
    private final ResourceCommands resources;
    private final Labeling labeling;
    private final Logs logs;

    ShellVerbs(Shell shell, ResourceCommands resources, Labeling labeling, Logs logs) {
        this.shell = shell;
        this.resources = resources;
        this.labeling = labeling;
        this.logs = logs;
    }

    @Command(name = "get", description = "List resources as a table, YAML, JSON, names or a JSONPath template;"
            + " -w follows changes until Ctrl-C or exit.")
    void get(@Parameters(paramLabel = "KIND[/NAME]", arity = "1..*",
                     description = "A kind (its plural, singular or short name; help lists them), all or"
                             + " deadletters; then names, or KIND/NAME ...") List<String> args,
             @Mixin Scope scope, @Mixin Help help,
             @Option(names = {"-l", "--selector"}, paramLabel = "KEY=VALUE[,...]",
                     description = "Only resources with these labels.") String selector,
             @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
                     description = "yaml, json, wide, name or jsonpath=TEMPLATE.") String output,
             @Option(names = {"-w", "--watch"}, description = "After the list, print every change.") boolean watch) {
        resources.get(args, scope.namespace(), selector(selector), Output.parse(output), watch);
    }

    @Command(name = "describe", description = "Show a resource's fields, status, conditions and counters.")
    void describe(@Parameters(paramLabel = "KIND/NAME", arity = "1..2") List<String> args,
                  @Mixin Scope scope, @Mixin Help help) {
        resources.describe(args, scope.namespace());
    }

    @Command(name = "explain", description = "Say what a kind or one of its fields means, its type and default.")
    void explain(@Parameters(paramLabel = "KIND[.FIELD...]", description = "A kind, or a field path such as"
                         + " rs.spec.replicas.") String path,
                 @Mixin Help help) {
        resources.explain(path);
    }

    @Command(name = "apply", description = "Create or update what the manifests describe, then wait until it is ready.")
    void apply(@Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-", required = true, arity = "1..*",
                       description = "Manifests: files, folders (their *.yaml, *.yml, *.json), or - to read"
                               + " the following lines up to one with just ... (or the end of the input).")
               List<String> files,
               @Mixin Scope scope, @Mixin Help help,
               @Option(names = "--dry-run", paramLabel = "client|server", arity = "0..1", fallbackValue = "CLIENT",
                       description = "Only check and print what would happen.") DryRun dryRun) {
        resources.apply(files, scope.allNamespaces ? unsupportedAll("apply") : scope.namespace == null ? null
                : scope.namespace(), dry(dryRun));
    }

    @Command(name = "delete", description = "Delete resources (what they own goes too), then wait until they are gone.")
    void delete(@Parameters(paramLabel = "KIND[/NAME]", arity = "0..*") List<String> args,
                @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-", arity = "1..*",
                        description = "Delete what these manifests name.") List<String> files,
                @Mixin Scope scope, @Mixin Help help,
                @Option(names = {"-l", "--selector"}, paramLabel = "KEY=VALUE[,...]",
                        description = "Every resource of the kind with these labels.") String selector,
                @Option(names = "--all", description = "Every resource of the kind.") boolean all,
                @Option(names = "--dry-run", paramLabel = "client|server", arity = "0..1", fallbackValue = "CLIENT",
                        description = "Only print what would be deleted.") DryRun dryRun) {
        resources.delete(orEmpty(args), orEmpty(files), scope.namespace(), selector(selector), all, dry(dryRun));
    }

    @Command(name = "scale", description = "Set the replica count of a resource whose kind has replicas (a"
            + " ReplicaSet, a Deployment), then wait until the replicas are ready and routed.")
    void scale(@Parameters(paramLabel = "KIND/NAME", arity = "1..2") List<String> args,
               @Option(names = "--replicas", paramLabel = "N", required = true, description = "The replica count.")
               String replicas,
               @Mixin Scope scope, @Mixin Help help,
               @Option(names = "--dry-run", paramLabel = "client|server", arity = "0..1", fallbackValue = "CLIENT",
                       description = "Only check and print what would happen.") DryRun dryRun) {
        resources.scale(args, Shell.replicaCount(replicas), scope.namespace(), dry(dryRun));
    }

    @Command(name = "create", description = "Create a namespace (create namespace NAME), or a Job from a"
            + " CronJob's template now, whatever its schedule: create job NAME --from=cronjob/NAME (other resources:"
            + " apply -f).")
    void create(@Parameters(paramLabel = "namespace|job NAME", arity = "2") List<String> args,
                @Option(names = "--from", paramLabel = "cronjob/NAME",
                        description = "For a job: the CronJob whose jobTemplate to use.") String from,
                @Mixin Scope scope, @Mixin Help help) {
        resources.create(args, from, scope.allNamespaces ? unsupportedAll("create") : scope.namespace());
    }

    @Command(name = "label", description = "Set (KEY=VALUE) or remove (KEY-) labels.")
    void label(@Parameters(paramLabel = "TARGET and KEY=VALUE|KEY-", arity = "1..*") List<String> words,
               @Mixin Scope scope, @Mixin Help help,
               @Option(names = {"-l", "--selector"}, paramLabel = "KEY=VALUE[,...]") String selector,
               @Option(names = "--all", description = "Every resource of the kind.") boolean all,
               @Option(names = "--overwrite", description = "Allow changing a value that is set.") boolean overwrite,
               @Option(names = "--dry-run", paramLabel = "client|server", arity = "0..1", fallbackValue = "CLIENT")
               DryRun dryRun) {
        labeling.change(Labeling.Field.LABELS, words, scope.namespace(), selector(selector), all, overwrite, dry(dryRun));
    }

    @Command(name = "annotate", description = "Set (KEY=VALUE) or remove (KEY-) annotations.")
    void annotate(@Parameters(paramLabel = "TARGET and KEY=VALUE|KEY-", arity = "1..*") List<String> words,
                  @Mixin Scope scope, @Mixin Help help,
                  @Option(names = {"-l", "--selector"}, paramLabel = "KEY=VALUE[,...]") String selector,
                  @Option(names = "--all", description = "Every resource of the kind.") boolean all,
                  @Option(names = "--overwrite", description = "Allow changing a value that is set.") boolean overwrite,
                  @Option(names = "--dry-run", paramLabel = "client|server", arity = "0..1", fallbackValue = "CLIENT")
                  DryRun dryRun) {
        labeling.change(Labeling.Field.ANNOTATIONS, words, scope.namespace(), selector(selector), all, overwrite,
                dry(dryRun));
    }

    @Command(name = "logs", description = "Print a container's log lines: what its worker wrote through"
            + " context.log() and the [k4s] lifecycle lines; for deploy/NAME (rs/NAME, job/NAME) one of its"
            + " containers.")
    void logs(@Parameters(paramLabel = "ctr/NAME|KIND/NAME", description = "A container (ctr/NAME or NAME), or a"
                      + " resource that controls containers.") String target,
              @Mixin Scope scope, @Mixin Help help,
              @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.") Integer tail,
              @Option(names = {"-f", "--follow"}, description = "Then print new lines until Ctrl-C or exit.")
              boolean follow,
              @Option(names = {"-p", "--previous"}, description = "The run before the last restart.") boolean previous,
              @Option(names = "--timestamps", description = "Start each line with its RFC 3339 time.")
              boolean timestamps) {
        String namespace = scope.namespace();
        logs.print(target, namespace == null ? unsupportedAll("logs") : namespace, tail, follow, previous, timestamps);
    }

    @Command(name = "send", description = "Fire-and-forget: send ADDRESS PAYLOAD (the rest of the line).")
    void send(@Parameters(paramLabel = "ADDRESS PAYLOAD", arity = "0..*") List<String> words) {
        shell.send(String.join(" ", orEmpty(words)));
    }

    @Command(name = "request", description = "Ask and print the reply: request [--timeout D] ADDRESS PAYLOAD.")
    void request(@Parameters(paramLabel = "ADDRESS PAYLOAD", arity = "0..*") List<String> words) {
        shell.request(String.join(" ", orEmpty(words)));
    }

    @Command(name = "version", description = "Print the k4s version and the Java that runs it.")
    void version(@Mixin Help help) {
        shell.version();
    }

    @Command(name = "help", aliases = "?", description = "List the commands.")
    void help() {
        shell.help();
    }

    @Command(name = "exit", aliases = "quit", description = "Stop the cluster and leave.")
    void exit() {
        shell.leave();
    }

    private static Selector selector(String text) {
        return text == null ? null : LabelSelectors.parse(text);
    }

    private static DryRun dry(DryRun dryRun) {
        return dryRun == null ? DryRun.NONE : dryRun;
    }

    private static String unsupportedAll(String verb) {
        throw new IllegalArgumentException(verb + " -A is not supported: give -n NAMESPACE, or set metadata.namespace");
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? new ArrayList<>() : list;
    }
}
