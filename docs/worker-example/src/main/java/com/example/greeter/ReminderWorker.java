package com.example.greeter;

// snippet:start worker
import io.k4s.api.Address;
import io.k4s.api.MailboxFullException;
import io.k4s.api.Message;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.Timer;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.time.Duration;

@WorkerType(value = "reminder", description = "Every period, send \"reminder\" to a service; a request returns the count.")
public class ReminderWorker implements Worker {

    private enum Tick { SEND }

    private Address target;
    private Timer timer;
    private long sent;

    @Override
    public void start(WorkerContext context) {
        target = Address.parse(context.params().string("target", "service/greeter"));
        Duration period = context.params().duration("period", Duration.ofSeconds(1));
        timer = context.every(period, Tick.SEND);   // the first tick comes one period from now
    }

    @Override
    public Object handle(Message message, WorkerContext context) throws InterruptedException {
        if (message.timer() && message.payload() == Tick.SEND) {
            try {
                // fire-and-forget; if every mailbox behind target is full, wait up to 100 ms for room
                context.messenger().send(target, "reminder", Duration.ofMillis(100));
                sent++;
            } catch (NoEndpointsException | MailboxFullException e) {
                context.log().info("{} cannot take a reminder now ({}); trying again next tick", target,
                        e.getClass().getSimpleName());
            }
            return null;
        }
        return sent;   // any request: how many reminders were sent
    }

    @Override
    public void stop(WorkerContext context) {
        timer.cancel();   // all timers stop with the container anyway; this shows how
    }
}
// snippet:end worker
