package io.k4s.core;

import io.k4s.api.resource.ImageRef;
import io.k4s.core.registry.TestJars;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real image jars for the cluster tests (of this module and of those that take its test jar),
 * compiled from source: one class name in every version.
 */
public final class ImageJars {

    private ImageJars() {}

    /** The worker {@code com.example.GreeterWorker} ("greeter") that answers "NAME from VERSION". */
    public static Map<String, String> greeter(String version) {
        return Map.of("com.example.GreeterWorker", """
                package com.example;
                @io.k4s.api.WorkerType("greeter")
                public class GreeterWorker implements io.k4s.api.Worker {
                  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {
                    return m.payload() + " from %s";
                  }
                }
                """.formatted(version));
    }

    /** Write the image {@code ref} of the greeter into {@code plugins}, atomically. */
    public static Path dropGreeter(Path plugins, ImageRef ref) throws IOException {
        return TestJars.dropIn(plugins.resolve(ref.jarName()), greeter(ref.version()),
                List.of("com.example.GreeterWorker"));
    }

    /**
     * Workers that hand out and take objects of the image's own class {@code com.example.Note}:
     * "note" replies a Note, "reader" casts its payload to Note (a String is answered as text).
     */
    static Map<String, String> notes() {
        return Map.of(
                "com.example.Note", """
                        package com.example;
                        public record Note(String text) {}
                        """,
                "com.example.NoteWorker", """
                        package com.example;
                        @io.k4s.api.WorkerType("note")
                        public class NoteWorker implements io.k4s.api.Worker {
                          public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {
                            return new Note(String.valueOf(m.payload()));
                          }
                        }
                        """,
                "com.example.ReaderWorker", """
                        package com.example;
                        @io.k4s.api.WorkerType("reader")
                        public class ReaderWorker implements io.k4s.api.Worker {
                          public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {
                            if (m.payload() instanceof String s) {
                              return "text: " + s;
                            }
                            Note note = (Note) m.payload();
                            return "note: " + note.text();
                          }
                        }
                        """);
    }

    /**
     * A worker ("leaky") that leaves its classes wherever k4s might keep them: a periodic timer
     * and a one-hour one with ticks of its own class, a thread-local, log lines, replies of its
     * own class, and on "poison" a message to itself that fails into a dead letter whose payload
     * and cause are of its classes.
     */
    static Map<String, String> leaky() {
        return Map.of("com.example.LeakyWorker", """
                package com.example;
                import java.time.Duration;
                @io.k4s.api.WorkerType("leaky")
                public class LeakyWorker implements io.k4s.api.Worker {
                  static final ThreadLocal<Object> LOCAL = new ThreadLocal<>();
                  public static final class Greeting {
                    public String toString() { return "greeting"; }
                  }
                  public static final class Poison {}
                  public static final class PoisonException extends RuntimeException {
                    public PoisonException() { super("poisoned"); }
                  }
                  public void start(io.k4s.api.WorkerContext c) {
                    c.every(Duration.ofMillis(5), new Greeting());
                    c.after(Duration.ofHours(1), new Greeting());
                    LOCAL.set(new Greeting());
                    c.log().info("leaky started");
                  }
                  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {
                    if (m.timer()) {
                      return null;
                    }
                    if (m.payload() instanceof Poison) {
                      throw new PoisonException();
                    }
                    if ("poison".equals(m.payload())) {
                      c.messenger().send(c.self(), new Poison());
                      return "sent";
                    }
                    return new Greeting();
                  }
                }
                """);
    }
}
