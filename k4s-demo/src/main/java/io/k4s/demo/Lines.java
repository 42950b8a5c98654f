package io.k4s.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The shell's input, one line at a time, with at most one read running ahead on a virtual
 * thread while a command runs ({@code get -w} reads {@code exit} that way). A line read ahead
 * is handed to the next {@link #next} unless the command took it.
 *
 * <p>Used by the shell thread only; the read-ahead thread only calls {@link Source#read}.
 */
final class Lines {

    /** Where lines come from: a reader of a pipe or file, or a line editor at a terminal. */
    interface Source {
        /**
         * The next line, after showing {@code prompt} if there is a person to see it.
         *
         * @return the line, or {@code null} at the end of the input
         * @throws InterruptedException if the person pressed Ctrl-C at the prompt
         */
        String read(String prompt) throws IOException, InterruptedException;
    }

    /** Ctrl-C at the prompt, carried out of a read that ran ahead. */
    static final class Interrupt extends RuntimeException {
        Interrupt() {
            super("Ctrl-C", null, false, false);
        }
    }

    private final Source source;
    private CompletableFuture<String> ahead;

    Lines(Source source) {
        this.source = source;
    }

    /**
     * The next line: the one read ahead, if any, else a new read showing {@code prompt}.
     *
     * @return the line, or {@code null} at the end of the input
     * @throws InterruptedException if the person pressed Ctrl-C at the prompt
     */
    String next(String prompt) throws IOException, InterruptedException {
        if (ahead == null) {
            return source.read(prompt);
        }
        CompletableFuture<String> line = ahead;
        ahead = null;
        try {
            return line.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Interrupt) {
                throw new InterruptedException("Ctrl-C");
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException("reading the input failed", e.getCause()));
        } catch (CancellationException e) {
            throw new InterruptedException("Ctrl-C");
        }
    }

    /**
     * Start reading the next line in the background, if no read is running ahead yet.
     *
     * @return the line to come ({@code null} at the end of the input); it fails with
     *         {@link Interrupt} if the person pressed Ctrl-C
     */
    CompletableFuture<String> readAhead() {
        if (ahead == null) {
            CompletableFuture<String> line = new CompletableFuture<>();
            ahead = line;
            Thread.ofVirtual().name("k4s-shell-input").start(() -> {
                try {
                    line.complete(source.read(""));
                } catch (InterruptedException e) {
                    line.completeExceptionally(new Interrupt());
                } catch (IOException | RuntimeException e) {
                    line.completeExceptionally(e);
                }
            });
        }
        return ahead;
    }

    /**
     * The lines up to one that is just {@code ...} (YAML's end of document) or the end of the
     * input, joined: the manifest {@code -f -} stands for.
     *
     * @throws CancellationException if the person pressed Ctrl-C meanwhile
     */
    String untilDocumentEnd() {
        StringBuilder text = new StringBuilder();
        try {
            for (String l = next(""); l != null && !l.strip().equals("..."); l = next("")) {
                text.append(l).append('\n');
            }
        } catch (InterruptedException e) {
            throw new CancellationException("reading a manifest from the input");
        } catch (IOException e) {
            throw new UncheckedIOException("reading a manifest from the input failed: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Forget the line read ahead: the command used it. */
    void consumeAhead() {
        ahead = null;
    }

    /**
     * Whether what was typed ends a command that follows changes ({@code get -w}, {@code logs -f}):
     * exit, quit, Ctrl-C or the end of the input (left for the shell, which ends too). Another
     * line is dropped with {@code hint} on {@code err}. Does not wait for input.
     */
    boolean endsFollowing(PrintStream err, String hint) {
        CompletableFuture<String> typed = readAhead();
        if (!typed.isDone()) {
            return false;
        }
        if (typed.isCompletedExceptionally()) {
            consumeAhead();
            return true;
        }
        String line = typed.join();
        if (line == null) {
            return true;
        }
        consumeAhead();
        String word = line.strip().toLowerCase(Locale.ROOT);
        if (word.equals("exit") || word.equals("quit")) {
            return true;
        }
        err.println(hint);
        return false;
    }
}
