package io.k4s.demo;

import io.k4s.core.registry.WorkerRegistry;
import io.k4s.core.registry.WorkerTypeInfo;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** List the worker types found on the classpath and in the plugins folder, and any load problems. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "List the worker types a manifest can name: NAME, CLASS, SOURCE, DESCRIPTION.")
final class WorkersCommand extends K4sCommand {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also load the worker jars of DIR (default: the K4S_PLUGINS environment variable).")
    Path plugins;

    @Override
    int execute() {
        WorkerRegistry registry = main.workerRegistry(plugins);
        Table table = new Table("NAME", "CLASS", "SOURCE", "DESCRIPTION");
        for (WorkerTypeInfo t : registry.types()) {
            table.row(t.name(), t.className(), t.source(), t.description());
        }
        if (table.isEmpty()) {
            main.out().println("No worker types found: put worker jars on the classpath or in --plugins DIR.");
        } else {
            table.print(main.out());
        }
        if (!registry.problems().isEmpty()) {
            main.out().println();
            main.out().println("Problems (each says what was skipped or what to fix):");
            registry.problems().forEach(p -> main.out().println("  " + p));
        }
        return OK;
    }
}
