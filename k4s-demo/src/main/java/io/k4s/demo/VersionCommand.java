package io.k4s.demo;

import picocli.CommandLine.Command;

/** Print the k4s version and the Java that runs it. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the k4s version and the Java version and home that run it.")
final class VersionCommand extends K4sCommand {

    @Override
    int execute() {
        for (String line : Version.lines()) {
            main.out().println(line);
        }
        return OK;
    }
}
