package io.k4s.demo;

import io.k4s.api.resource.ManifestException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * Run one subcommand and turn its failures into one or two lines for the user and an exit code.
 *
 * <p>Exit 0 on success, 1 when the input was wrong (a bad manifest, an unknown worker, a missing
 * file) or a step failed. A stack trace is printed only with {@code --verbose}.
 */
abstract class K4sCommand implements Callable<Integer> {

    /** Success. */
    static final int OK = 0;
    /** Invalid input or a failed step. */
    static final int FAILED = 1;

    @ParentCommand
    Main main;

    /** Do the work; return the exit code. Exceptions are reported by {@link #call()}. */
    abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (ManifestException e) {
            e.errors().forEach(error -> main.err().println(error));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            main.err().println("error: interrupted");
            return FAILED;
        } catch (Exception e) {
            report(e);
            return FAILED;
        }
    }

    /** Print {@code e} as one line (the stack trace too with {@code --verbose}). */
    void report(Throwable e) {
        main.err().println("error: " + Errors.describe(e));
        if (main.verbose()) {
            Errors.writeTrace(e, main.err());
        } else if (!(e instanceof io.k4s.api.K4sException) && !(e instanceof IllegalArgumentException)
                && !(e instanceof UncheckedIOException)) {
            main.err().println("(run with --verbose to see where it happened)");
        }
    }
}
