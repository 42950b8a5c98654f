package io.k4s.demo;

import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.Resource;
import io.k4s.core.manifest.ManifestReader;
import io.k4s.core.registry.WorkerRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Check manifests without running them: the schema, and that every worker type is registered.
 * Prints {@code FILE: N resources OK} per good file and {@code FILE:LINE:COL: message} per
 * error; exits 1 if any file has an error.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check manifests: print FILE:LINE:COL: message for each error; exit 1 if there is any.")
final class ValidateCommand extends K4sCommand {

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", required = true, arity = "1..*",
            description = "The manifests to check (-f a.yaml b.yaml, or -f repeated).")
    List<Path> files;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also know the workers in the jars of DIR (default: K4S_PLUGINS).")
    Path plugins;

    @Override
    int execute() {
        WorkerRegistry registry = main.workerRegistry(plugins);
        ManifestReader reader = new ManifestReader(main.kindRegistry(plugins)).withWorkerCheck(registry::problem);
        int exit = OK;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                main.err().println(file + ": no such file");
                exit = FAILED;
                continue;
            }
            try {
                List<Resource> resources = reader.read(file);
                main.out().println(file + ": " + resources.size() + (resources.size() == 1 ? " resource" : " resources")
                        + " OK");
            } catch (ManifestException e) {
                e.errors().forEach(error -> main.err().println(error));
                exit = FAILED;
            }
        }
        return exit;
    }
}
