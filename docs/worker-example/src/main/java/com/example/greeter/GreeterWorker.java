package com.example.greeter;

// snippet:start worker
import io.k4s.api.InvalidParamException;
import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;

@WorkerType(value = "greeter", description = "Reply \"Hello, NAME!\" to a payload NAME.")
public class GreeterWorker implements Worker {

    private String greeting;

    // snippet:start start
    @Override
    public void start(WorkerContext context) {
        // Reject names this worker does not know, so a typo such as "greting" fails at once.
        for (String name : context.params().names()) {
            if (!name.equals("greeting")) {
                throw new InvalidParamException(name, "unknown parameter; the greeter knows only greeting");
            }
        }
        greeting = context.params().string("greeting", "Hello");
        if (greeting.isBlank()) {
            throw new InvalidParamException("greeting", "must not be blank");
        }
        context.log().info("ready to greet with \"{}\"", greeting);
    }
    // snippet:end start

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
// snippet:end worker
