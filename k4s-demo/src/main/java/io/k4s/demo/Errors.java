package io.k4s.demo;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Describe a failure in one line, the way the caller should read it. Stateless. */
final class Errors {

    private Errors() {}

    /** The failure itself, unwrapped from the future and I/O wrappers around it. */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Write {@code e}, its frames and its causes to {@code out}, for {@code --verbose}; stops at
     * a cause already written.
     */
    static void writeTrace(Throwable e, java.io.PrintStream out) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        String prefix = "";
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            out.println(prefix + t);
            for (StackTraceElement frame : t.getStackTrace()) {
                out.println("\tat " + frame);
            }
            prefix = "Caused by: ";
        }
    }

    /** One line: the message of the unwrapped failure, or its type when it has none. */
    static String describe(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof UncheckedIOException io && io.getCause() instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return message.strip().replace('\n', ' ');
    }
}
