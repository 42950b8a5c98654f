package io.k4s.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Run the application in-process with a given stdin and environment, capturing its output. */
final class Cli {

    /** What one command line did. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    private Cli() {}

    static Result run(String... args) {
        return run("", Map.of(), false, args);
    }

    static Result runWithInput(String stdin, String... args) {
        return run(stdin, Map.of(), false, args);
    }

    static Result run(String stdin, Map<String, String> env, boolean interactive, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Main main = new Main(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, env,
                    interactive);
            int code = Main.commandLine(main).execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
