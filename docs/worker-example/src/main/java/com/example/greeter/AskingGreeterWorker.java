package com.example.greeter;

import io.k4s.api.Address;
import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;

/** Ask the greeter service and reply later with what it said: a reply through a CompletionStage. */
@WorkerType(value = "asking-greeter", description = "Ask service/greeter and reply with its answer, in capitals.")
public class AskingGreeterWorker implements Worker {

    private String prefix;

    @Override
    public void start(WorkerContext context) {
        prefix = context.params().string("prefix", "The greeter says: ");
    }

    // snippet:start handle
    @Override
    public Object handle(Message message, WorkerContext context) {
        String before = prefix;                             // copy fields into locals first
        return context.messenger()
                .request(Address.service("greeter"), message.payload())
                .thenApply(answer -> before + String.valueOf(answer).toUpperCase());
    }
    // snippet:end handle
}
