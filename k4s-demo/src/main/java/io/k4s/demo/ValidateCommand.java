package io.k4s.demo;

import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.Resource;
import io.k4s.core.manifest.ManifestReader;
import io.k4s.core.registry.WorkerRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Check manifests without running them: the schema, and that every worker type is registered.
 * Prints {@code FILE: N resources OK} per good file, a warning for a file with no resource, and
 * {@code FILE:LINE:COL: message} per error; exits 1 if any file has an error.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check manifests: print FILE:LINE:COL: message for each error; exit 1 if there is any.")
final class ValidateCommand extends K4sCommand {

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-", required = true, arity = "1..*",
            description = "The manifests to check: files, folders (their *.yaml, *.yml and *.json), or - for the"
                    + " standard input (-f a.yaml b.yaml, or -f repeated).")
    List<String> files;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also know the workers in the jars of DIR (default: K4S_PLUGINS).")
    Path plugins;

    @Override
    int execute() {
        WorkerRegistry registry = main.workerRegistry(plugins);
        ManifestReader reader = new ManifestReader(main.kindRegistry(plugins)).withWorkerCheck(registry::problem);
        int exit = OK;
        for (String file : Manifests.expand(files)) {
            boolean stdin = file.equals(Manifests.STDIN);
            String name = stdin ? "<stdin>" : file;
            if (!stdin && !Files.isRegularFile(Path.of(file))) {
                main.err().println(file + ": no such file");
                exit = FAILED;
                continue;
            }
            try {
                List<Resource> resources = stdin ? reader.read(standardInput(), name) : reader.read(Path.of(file));
                if (resources.isEmpty()) {
                    main.err().println("warning: " + name + ": no resources in it (is it empty, or only comments?)");
                } else {
                    main.out().println(name + ": " + resources.size()
                            + (resources.size() == 1 ? " resource" : " resources") + " OK");
                }
            } catch (ManifestException e) {
                e.errors().forEach(error -> main.err().println(error));
                exit = FAILED;
            }
        }
        return exit;
    }

    private String standardInput() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            main.in().transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the standard input: " + e.getMessage(), e);
        }
    }
}
