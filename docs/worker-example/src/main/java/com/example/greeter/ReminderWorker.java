package com.example.greeter;

// snippet:start worker
import io.k4s.api.Address;
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
    public Object handle(Message message, WorkerContext context) {
        if (message.timer() && message.payload() == Tick.SEND) {
            try {
                context.messenger().send(target, "reminder");   // fire-and-forget
                sent++;
            } catch (NoEndpointsException e) {
                context.log().info("{} has no ready endpoint; trying again next tick", target);
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
