package com.example.greeter;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;

/**
 * Greet whoever is named in the payload: {@code "World"} gets the reply {@code "Hello, World!"}.
 *
 * <p>Parameters ({@code spec.params}):
 * <ul>
 *   <li>{@code greeting} (string, default {@code Hello}): the word before the name.</li>
 * </ul>
 *
 * <p>k4s creates one instance per container and calls {@code start}, {@code handle} and
 * {@code stop} on that container's own thread, one at a time, so the fields need no locks.
 */
@WorkerType(value = "greeter", description = "Reply \"Hello, NAME!\" to a payload NAME.")
public class GreeterWorker implements Worker {

    private String greeting;

    /** Read the parameters; a bad value fails here, and the container reports why. */
    @Override
    public void start(WorkerContext context) {
        greeting = context.params().string("greeting", "Hello");
        context.log().info("ready to greet with \"{}\"", greeting);
    }

    /** Return the greeting for the name in the payload; the return value is the reply. */
    @Override
    public Object handle(Message message, WorkerContext context) {
        String name = String.valueOf(message.payload()).strip();
        if (message.payload() == null || name.isEmpty()) {
            // The caller receives this inside a WorkerFailedException; the container keeps running.
            throw new IllegalArgumentException("send a name to greet, for example: request service/greeter World");
        }
        return greeting + ", " + name + "!";
    }
}
